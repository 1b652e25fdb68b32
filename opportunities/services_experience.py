"""Workflows for the leadership record: recording a finished opportunity, experience from
outside Deep Bench (added by an admin, or by the person and verified by an admin).

Each service checks, writes and records an audit event in one transaction; a failed check
raises `ValidationError` with a message for the person.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from leadership.audit import audit_log
from opportunities.models import Application, ExperienceEntry
from portrait.models import ReflectionPrompt
from portrait.services import reflection_save

# Reflections written while recording an opportunity get a stable key, so recording twice
# (a double click) never makes a second reflection.
REFLECTION_KEYS = uuid.UUID("6f0c5b7e-8f5d-4a53-9a55-0d0f3c1e6b21")


def reflection_prompts(opportunity):
    """{attribute: prompt} to reflect on, one per attribute the opportunity exercises: the
    first active prompt for its level, else one for every level."""
    prompts = {}
    candidates = (
        ReflectionPrompt.objects.active()
        .filter(attribute__in=opportunity.attributes.all())
        .filter(Q(level=opportunity.level) | Q(level=""))
        .select_related("attribute")
        .order_by("attribute__order", "-level", "order", "pk")
    )
    for prompt in candidates:
        prompts.setdefault(prompt.attribute, prompt)
    return prompts


def _reflection_key(opportunity, prompt, person):
    return uuid.uuid5(REFLECTION_KEYS, f"{opportunity.pk}:{prompt.attribute_id}:{person.pk}")


@transaction.atomic
def experience_record(
    *,
    person,
    application,
    started_on,
    ended_on,
    summary,
    reflections=(),
    shared_with_principal=False,
    actor=None,
):
    """Put a finished opportunity on the selected person's leadership record, once.

    `reflections` are (prompt, response, self rating) triples: each becomes a submitted
    portrait reflection (portrait.services.reflection_save, with its privacy rules).
    """
    application = (
        Application.objects.select_for_update()
        .select_related("opportunity__kind", "opportunity__district")
        .get(pk=application.pk)
    )
    opportunity = application.opportunity
    if application.applicant_id != person.pk or application.status != Application.Status.SELECTED:
        raise ValidationError("Only people selected for this opportunity can record it.")
    if ended_on and started_on and ended_on < started_on:
        raise ValidationError("The end date is before the start date.")
    if ended_on and ended_on > timezone.localdate():
        raise ValidationError("The end date is in the future. Record it once it has ended.")
    key = f"opportunity:{opportunity.pk}"
    if ExperienceEntry.objects.filter(
        district=opportunity.district, person=person, source_key=key
    ).exists():
        raise ValidationError("This opportunity is already on your leadership record.")
    entry = ExperienceEntry.objects.create(
        district=opportunity.district,
        person=person,
        title=opportunity.title,
        kind=opportunity.kind.name,
        level=opportunity.level,
        started_on=started_on,
        ended_on=ended_on,
        source=ExperienceEntry.Source.OPPORTUNITY,
        source_key=key,
        opportunity=opportunity,
        summary=summary.strip(),
        added_by=actor or person,
    )
    entry.reflections.set(
        [
            reflection_save(
                author=person,
                prompt=prompt,
                key=_reflection_key(opportunity, prompt, person),
                response=response,
                self_rating=rating,
                shared_with_principal=shared_with_principal,
                submit=True,
            )
            for prompt, response, rating in reflections
        ]
    )
    audit_log(
        district=opportunity.district,
        actor=actor or person,
        action="experience.record",
        obj=entry,
        summary=f"{person} recorded “{opportunity.title}” on their leadership record",
    )
    return entry


def _add_outside(entry, *, district, actor, action, summary):
    if entry.ended_on and entry.ended_on < entry.started_on:
        raise ValidationError("The end date is before the start date.")
    entry.district, entry.added_by = district, actor
    entry.source, entry.source_key = ExperienceEntry.Source.OUTSIDE, ""
    entry.save()
    audit_log(district=district, actor=actor, action=action, obj=entry, summary=summary)
    return entry


@transaction.atomic
def experience_add_outside(*, actor, district, entry):
    """A district admin adds experience from before or outside Deep Bench. Added for
    somebody else, it counts as verified by them."""
    if entry.person_id != actor.pk:
        entry.verified_by, entry.verified_at = actor, timezone.now()
    summary = f"Added “{entry.title}” to {entry.person}'s leadership record"
    return _add_outside(
        entry, district=district, actor=actor, action="experience.add_outside", summary=summary
    )


@transaction.atomic
def experience_add_own(*, person, district, entry):
    """A person adds their own experience from before or outside Deep Bench; a district
    admin may verify it (experience_verify)."""
    entry.person = person
    summary = f"{person} added “{entry.title}” to their leadership record"
    return _add_outside(
        entry, district=district, actor=person, action="experience.add_own", summary=summary
    )


EDITABLE = ["title", "kind", "level", "started_on", "ended_on", "summary"]


def _said(entry, names):
    """The fields' values for the audit log: dates as ISO dates, a verification by name."""
    values = {name: getattr(entry, name) for name in names}
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in values.items()
    }


@transaction.atomic
def experience_edit_own(*, person, entry, changed):
    """Save the person's changes (`changed`: the names of the fields they changed) to their
    own outside experience. A change clears its verification: what was verified is no
    longer what the record says."""
    before = (
        ExperienceEntry.objects.select_for_update(of=("self",))
        .select_related("verified_by")
        .get(pk=entry.pk)
    )
    if before.person_id != person.pk or before.source != ExperienceEntry.Source.OUTSIDE:
        raise ValidationError("Only your own experience from outside Deep Bench can be edited.")
    if entry.ended_on and entry.ended_on < entry.started_on:
        raise ValidationError("The end date is before the start date.")
    changed = [name for name in EDITABLE if name in changed]
    if not changed:
        return entry
    summary = f"{person} edited “{entry.title}” on their leadership record"
    if before.is_verified:
        entry.verified_by, entry.verified_at = None, None
        changed += ["verified_at"]
        summary += ", which clears its verification"
    entry.save(update_fields=changed + (["verified_by"] if before.is_verified else []))
    audit_log(
        district=entry.district,
        actor=person,
        action="experience.edit",
        obj=entry,
        summary=summary,
        before=_said(before, changed),
        after=_said(entry, changed),
    )
    return entry


@transaction.atomic
def experience_verify(*, actor, entry, verified):
    """A district admin verifies a line of experience from outside Deep Bench (or takes the
    verification back). Nobody verifies their own."""
    entry = (
        ExperienceEntry.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=entry.pk)
    )
    if entry.source != ExperienceEntry.Source.OUTSIDE:
        raise ValidationError("Only experience from outside Deep Bench is verified.")
    if entry.person_id == actor.pk:
        raise ValidationError("Another administrator verifies your own experience.")
    if verified == entry.is_verified:
        return entry
    entry.verified_by, entry.verified_at = (actor, timezone.now()) if verified else (None, None)
    entry.save(update_fields=["verified_by", "verified_at"])
    audit_log(
        district=entry.district,
        actor=actor,
        action="experience.verify" if verified else "experience.unverify",
        obj=entry,
        summary=f"{actor} verified “{entry.title}” on {entry.person}'s leadership record"
        if verified
        else f"{actor} took back the verification of “{entry.title}” on {entry.person}'s record",
    )
    return entry


@transaction.atomic
def experience_remove(*, actor, entry):
    audit_log(
        district=entry.district,
        actor=actor,
        action="experience.remove",
        obj=entry,
        summary=f"Removed “{entry.title}” from {entry.person}'s leadership record",
        before={"title": entry.title, "started_on": str(entry.started_on)},
    )
    entry.delete()
