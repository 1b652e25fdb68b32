"""Who can be nominated into a program, and why not: the nominee picker marks each person
it cannot take, and nomination_create refuses them, with the same words from one query.

A person cannot be nominated who already has an open nomination to the program, is
enrolled in it (an active enrollment in one of its cohorts), or is inactive (their account
is switched off, or they are no longer on the staff of the nominating principal's school).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from leadership import access
from leadership.models import Membership, User
from programs.models import Enrollment, Nomination

ACCOUNT_OFF = "inactive: their account is switched off"
LEFT = "inactive: no longer on the staff of your school"


def _open(program_name, you):
    if you:
        return f"you already have an open nomination to {program_name}"
    return f"already has an open nomination to {program_name}"


def _enrolled(program_name, you):
    return f"{'you are ' if you else ''}already enrolled in {program_name}"


@dataclass(frozen=True)
class Refusal:
    reason: str
    link: str | None = None


def _rows(people, *, actor, program):
    """(pk, label, Refusal or None) for each of `people`, in one query."""
    schools = access.principal_school_ids(actor)
    rows = people.annotate(
        here=Exists(
            Membership.objects.filter(user=OuterRef("pk"), school_id__in=schools, is_active=True)
        )
    )
    fields = ["pk", "full_name", "email", "is_active", "here"]
    if program is not None:
        rows = rows.annotate(
            open_id=Subquery(
                Nomination.objects.open()
                .filter(program=program, nominee=OuterRef("pk"))
                .values("pk")[:1]
            ),
            enrolled=Exists(
                Enrollment.objects.filter(
                    person=OuterRef("pk"),
                    cohort__program=program,
                    status=Enrollment.Status.ACTIVE,
                )
            ),
        )
        fields += ["open_id", "enrolled"]
    for pk, name, email, is_active, here, *facts in rows.values_list(*fields):
        you = pk == actor.pk
        refusal = None
        if not is_active:
            refusal = Refusal(ACCOUNT_OFF)
        elif not you and not here:
            refusal = Refusal(LEFT)
        elif facts and facts[0]:
            link = reverse("programs:nomination", args=[facts[0]])
            refusal = Refusal(_open(program.name, you), link)
        elif facts and facts[1]:
            refusal = Refusal(_enrolled(program.name, you))
        yield pk, name or email, refusal


def nominee_choices(people, *, actor, program):
    """The picker's options: (pk, label) pairs for `people`, and {pk: reason} for those
    `actor` cannot choose. Without a program (none chosen yet) only inactivity is known."""
    pairs, reasons = [], {}
    for pk, label, refusal in _rows(people, actor=actor, program=program):
        pairs.append((pk, label))
        if refusal:
            reasons[pk] = refusal.reason
    return pairs, reasons


def nominee_refusal(*, actor, nominee, program):
    """Why `actor` cannot nominate `nominee` into `program` (a Refusal), or None."""
    people = User.objects.filter(pk=nominee.pk)
    return next(refusal for _, _, refusal in _rows(people, actor=actor, program=program))


def program_choices(person, programs):
    """For a person nominating themself: {program pk: reason} for the programs among
    `programs` they cannot be nominated into (enrolled, or an open nomination), in the
    words nominee_refusal uses."""
    names = {p.pk: p.name for p in programs}
    enrolled = Enrollment.objects.filter(
        person=person, cohort__program_id__in=names, status=Enrollment.Status.ACTIVE
    ).values_list("cohort__program_id", flat=True)
    nominated = (
        Nomination.objects.open()
        .filter(nominee=person, program_id__in=names)
        .values_list("program_id", flat=True)
    )
    reasons = {pk: _enrolled(names[pk], True) for pk in enrolled}
    for pk in nominated:
        reasons[pk] = _open(names[pk], True)
    return reasons
