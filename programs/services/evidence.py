"""What a nominator saw, per attribute they name: the checks each piece of evidence passes
(the form runs them for the person's sake; nomination_create runs them again for every
other caller) and writing it.

A link is http or https only (never `javascript:` or `data:`, which a browser would run or
open from the page); a file is checked by what it contains, as reflection evidence is.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from leadership.text import CONTROL_CHARACTERS, TEXT_MAX_CHARS
from portrait.uploads import check_evidence
from programs.models import NominationEvidence
from programs.services.common import ServiceError

MIN_SEEN = 30
LINK_MAX_CHARS = 500
LINK_SCHEMES = ["http", "https"]
LINK_REFUSED = "Enter a link that starts with http:// or https://."
CONTROL_REFUSED = (
    "This holds an invisible control character (text pasted from another program often "
    "does); remove it and send again."
)
check_link_scheme = URLValidator(schemes=LINK_SCHEMES, message=LINK_REFUSED)


@dataclass(frozen=True)
class Seen:
    """What was seen of one attribute: the words, and an optional link and file."""

    attribute: object
    text: str
    link: str = ""
    file: object = None


def refuse_control_characters(value):
    """A form validator: text with control characters (other than tab and line breaks) is
    refused with a message, instead of being stored or silently changed."""
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_REFUSED)


def _check_one(item):
    name = item.attribute.name
    text = (item.text or "").strip()
    if len(text) < MIN_SEEN:
        raise ServiceError(
            f"{name}: please say a little more about what you saw (at least {MIN_SEEN} characters)."
        )
    if len(text) > TEXT_MAX_CHARS:
        raise ServiceError(f"{name}: what you saw can be at most {TEXT_MAX_CHARS:,} characters.")
    link = (item.link or "").strip()
    try:
        for part in (text, link):
            refuse_control_characters(part)
        if link:
            if len(link) > LINK_MAX_CHARS:
                raise ValidationError(f"A link can be at most {LINK_MAX_CHARS} characters.")
            check_link_scheme(link)
        if item.file:
            check_evidence(item.file)
    except ValidationError as error:
        raise ServiceError(f"{name}: {' '.join(error.messages)}") from error
    return Seen(item.attribute, text, link, item.file or None)


def evidence_check(evidence):
    """The evidence, checked and trimmed; ServiceError names the attribute at fault."""
    evidence = list(evidence)
    if not evidence:
        raise ServiceError("Say what you saw for at least one attribute.")
    attribute_ids = [item.attribute.pk for item in evidence]
    if len(set(attribute_ids)) != len(attribute_ids):
        raise ServiceError("Each attribute can be named once.")
    return [_check_one(item) for item in evidence]


def note_check(note):
    """The overall note beside the evidence, trimmed; it may be empty."""
    note = (note or "").strip()
    if len(note) > TEXT_MAX_CHARS:
        raise ServiceError(f"The note can be at most {TEXT_MAX_CHARS:,} characters.")
    if CONTROL_CHARACTERS.search(note):
        raise ServiceError(f"The note: {CONTROL_REFUSED}")
    return note


def evidence_write(nomination, evidence):
    """Store checked evidence for a new nomination (one query, files saved as they go)."""
    NominationEvidence.objects.bulk_create(
        NominationEvidence(
            nomination=nomination,
            attribute=item.attribute,
            seen=item.text,
            link=item.link,
            file=item.file or "",
        )
        for item in evidence
    )
