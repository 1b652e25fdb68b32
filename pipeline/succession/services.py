"""Succession workflows: each atomic, checked, and written to the audit log.

A refusal is a ValidationError whose sentences are meant for the person; nothing is saved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from leadership.audit import audit_log
from pipeline.models import Candidate, Stage
from pipeline.services import candidate_change
from pipeline.succession import alerts
from pipeline.succession.models import (
    Placement,
    Position,
    RoleTerm,
    SchoolSupervisor,
    Slate,
    SlateEntry,
    SuccessionSetting,
)
from pipeline.succession.projection import current_terms

TERM_FIELDS = [
    "started_on",
    "is_interim",
    "departure_on",
    "retirement_eligible_on",
    "term_ends_on",
    "note",
]


def _day(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def values_of(obj, fields):
    """The fields of `obj` as the audit log keeps them (dates as ISO text)."""
    return {name: _day(getattr(obj, name)) for name in fields}


def settings_for(district):
    found, _ = SuccessionSetting.objects.get_or_create(district=district)
    return found


def viewed(*, district, actor, what, obj=None, after=None):
    """Reading succession planning is audited too: who looked at what, and when."""
    audit_log(
        district=district,
        actor=actor,
        action="succession.view",
        obj=obj,
        summary=f"{actor} viewed {what}",
        after=after,
    )


KIND_FIELDS = ["name", "level", "aims", "is_archived"]
POSITION_FIELDS = ["kind_id", "school_id", "level", "title"]


@transaction.atomic
def _saved(*, actor, obj, action, what, fields, before):
    """Save a kind or a position, added (`before` None) or changed, and audit it."""
    obj.save()
    audit_log(
        district=obj.district,
        actor=actor,
        action=f"{action}.update" if before else f"{action}.create",
        obj=obj,
        summary=f"{actor} {'changed' if before else 'added'} {what}",
        before=before,
        after=values_of(obj, fields),
    )
    return obj


def kind_save(*, actor, kind, before=None):
    """Add or change a kind of position (`before`: its fields as they were)."""
    what = f"the kind of position “{kind.name}”"
    return _saved(
        actor=actor, obj=kind, action="position_kind", what=what, fields=KIND_FIELDS, before=before
    )


def position_save(*, actor, position, before=None):
    """Add or change a position by hand (`before`: its fields as they were)."""
    what = f"the position {position}"
    return _saved(
        actor=actor,
        obj=position,
        action="position",
        what=what,
        fields=POSITION_FIELDS,
        before=before,
    )


@transaction.atomic
def term_add(*, actor, term):
    """A holder of a position, entered by hand (the term belongs to the position's district)."""
    term.district_id = term.position.district_id
    term.source = RoleTerm.Source.ENTERED
    term.save()
    audit_log(
        district=term.position.district,
        actor=actor,
        action="role_term.add",
        obj=term,
        summary=f"{actor} recorded {term.person} as {term.position} from {term.started_on}",
        after={"person": term.person.email, **values_of(term, TERM_FIELDS)},
    )
    alerts.alert_if_uncovered(term.position)
    return term


@transaction.atomic
def term_update(*, actor, term, before):
    """Save what changed about a holder's term (departure, retirement, term end...)."""
    term.save()
    after = values_of(term, TERM_FIELDS)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if not changed:
        raise ValidationError("Nothing changed.")
    audit_log(
        district=term.position.district,
        actor=actor,
        action="role_term.update",
        obj=term,
        summary=f"{actor} changed what is known about {term.person} as {term.position}",
        before={k: before.get(k) for k in changed},
        after=changed,
    )
    alerts.alert_if_uncovered(term.position)
    return term


@transaction.atomic
def term_end(*, actor, term, ended_on, reason):
    """End a holder's term; the term is kept as role history."""
    term = RoleTerm.objects.select_for_update().get(pk=term.pk)
    if term.ended_on is not None:
        raise ValidationError(f"This role already ended on {date_format(term.ended_on)}.")
    term.ended_on, term.end_reason = ended_on, reason
    term.save(update_fields=["ended_on", "end_reason"])
    audit_log(
        district=term.position.district,
        actor=actor,
        action="role_term.end",
        obj=term,
        summary=f"{actor} ended {term.person}'s role as {term.position} on {ended_on}",
        after={"ended_on": ended_on.isoformat(), "end_reason": reason},
    )
    alerts.alert_if_uncovered(term.position)  # a vacancy now, if nobody else holds it
    return term


def open_slate(*, position=None, kind=None, level="", actor):
    """The open slate of a position, or of a kind's expected openings at a level (made the
    first time someone is put on it)."""
    if position is not None:
        found = Slate.objects.filter(position=position, filled_at__isnull=True).first()
        return found or Slate.objects.create(
            district_id=position.district_id, position=position, created_by=actor
        )
    found = Slate.objects.filter(
        district_id=kind.district_id, kind=kind, level=level, filled_at__isnull=True
    ).first()
    return found or Slate.objects.create(
        district_id=kind.district_id, kind=kind, level=level, created_by=actor
    )


@transaction.atomic
def slate_add(*, actor, slate, candidate, readiness, reasons=""):
    """Put a candidate at the bottom of a slate. The same person twice is refused."""
    slate = Slate.objects.select_for_update().get(pk=slate.pk)
    if slate.filled_at is not None:
        raise ValidationError("This slate was filled and is kept as history; it cannot change.")
    if candidate.district_id != slate.district_id:
        raise ValidationError("Only people of the slate's district can be on it.")
    if candidate.stage in (Stage.PLACED, Stage.EXITED):
        raise ValidationError(
            f"{candidate.user} is {candidate.get_stage_display().lower()}: "
            "move them back into the pipeline first."
        )
    already = slate.entries.filter(candidate=candidate).first()
    if already is not None:
        raise ValidationError(
            f"{candidate.user} is already on this slate (ranked {already.rank}); "
            "nobody is on a slate twice."
        )
    rank = (slate.entries.aggregate(top=Max("rank"))["top"] or 0) + 1
    try:
        with transaction.atomic():
            entry = SlateEntry.objects.create(
                slate=slate,
                candidate=candidate,
                rank=rank,
                readiness=readiness,
                reasons=reasons.strip(),
                added_by=actor,
            )
    except IntegrityError as error:
        raise ValidationError(f"{candidate.user} is already on this slate.") from error
    audit_log(
        district=candidate.district,
        actor=actor,
        action="slate_entry.add",
        obj=entry,
        summary=f"{actor} put {candidate.user} on the {slate} at rank {rank}",
        after={"candidate": candidate.pk, "rank": rank, "readiness": readiness},
    )
    if slate.position_id:
        alerts.alert_if_uncovered(slate.position)
    return entry


def _unchangeable(entry):
    if entry.slate.filled_at is not None:
        raise ValidationError("This slate was filled and is kept as history; it cannot change.")


@transaction.atomic
def entry_update(*, actor, entry, readiness, reasons):
    _unchangeable(entry)
    before = {"readiness": entry.readiness, "reasons": entry.reasons}
    entry.readiness, entry.reasons = readiness, reasons.strip()
    after = {"readiness": entry.readiness, "reasons": entry.reasons}
    if after == before:
        raise ValidationError("Nothing changed.")
    entry.save(update_fields=["readiness", "reasons"])
    audit_log(
        district=entry.candidate.district,
        actor=actor,
        action="slate_entry.update",
        obj=entry,
        summary=f"{actor} changed {entry.candidate.user}'s entry on the {entry.slate}",
        before=before,
        after=after,
    )
    return entry


def _renumber(slate):
    for rank, entry in enumerate(slate.entries.order_by("rank", "id"), start=1):
        if entry.rank != rank:
            entry.rank = rank
            entry.save(update_fields=["rank"])


@transaction.atomic
def entry_move(*, actor, entry, direction):
    """Swap an entry with the one above or below it."""
    _unchangeable(entry)
    Slate.objects.select_for_update().get(pk=entry.slate_id)
    _renumber(entry.slate)
    entry.refresh_from_db()
    entries = list(entry.slate.entries.order_by("rank", "id"))
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(entries):
        raise ValidationError(
            f"{entry.candidate.user} is already {'first' if other < 0 else 'last'}."
        )
    neighbour = entries[other]
    entry.rank, neighbour.rank = neighbour.rank, entry.rank
    entry.save(update_fields=["rank"])
    neighbour.save(update_fields=["rank"])
    audit_log(
        district=entry.candidate.district,
        actor=actor,
        action="slate_entry.move",
        obj=entry,
        summary=f"{actor} moved {entry.candidate.user} to rank {entry.rank} on the {entry.slate}",
        before={"rank": neighbour.rank},
        after={"rank": entry.rank},
    )
    return entry


@transaction.atomic
def entry_remove(*, actor, entry):
    _unchangeable(entry)
    slate = Slate.objects.select_for_update().get(pk=entry.slate_id)
    audit_log(
        district=entry.candidate.district,
        actor=actor,
        action="slate_entry.remove",
        obj=entry,
        summary=f"{actor} took {entry.candidate.user} off the {slate}",
        before={"candidate": entry.candidate_id, "rank": entry.rank, "readiness": entry.readiness},
    )
    entry.delete()
    _renumber(slate)
    if slate.position_id:
        alerts.alert_if_uncovered(slate.position)


def holders(position, today=None):
    """The current terms of a position, oldest first."""
    today = today or timezone.localdate()
    return list(
        position.terms.filter(current_terms(today))
        .select_related("person")
        .order_by("started_on", "id")
    )


def other_roles(person, position, starts_on):
    """The person's roles elsewhere that are current on `starts_on`."""
    return list(
        RoleTerm.objects.filter(current_terms(starts_on), person=person)
        .exclude(position=position)
        .select_related("position__kind", "position__school")
    )


def fill_check(*, position, entry, starts_on):
    """Raise the ValidationError that filling `position` from `entry` would fail with."""
    if entry.slate.position_id != position.pk or entry.slate.filled_at is not None:
        raise ValidationError("This person is not on the position's open slate.")
    candidate = entry.candidate
    if candidate.stage == Stage.EXITED:
        raise ValidationError(f"{candidate.user} has left the pipeline (exited).")
    elsewhere = (
        Placement.objects.filter(district_id=position.district_id, person_id=candidate.user_id)
        .filter(starts_on=starts_on)
        .select_related("position__kind", "position__school")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            f"{candidate.user} is already placed as {elsewhere.position} from "
            f"{date_format(starts_on)}; nobody starts two positions on the same day."
        )
    if any(term.person_id == candidate.user_id for term in holders(position, starts_on)):
        raise ValidationError(f"{candidate.user} already holds this position on that day.")
    later = position.terms.filter(started_on__gte=starts_on).select_related("person").first()
    if later is not None:
        raise ValidationError(
            f"{later.person} started in this position on {date_format(later.started_on)}, not "
            f"before {date_format(starts_on)}; choose a later start date."
        )


def last_day_before(starts_on, term):
    """The last day of `term` when somebody starts on `starts_on` (never before it began)."""
    return max(term.started_on, starts_on - datetime.timedelta(days=1))


@transaction.atomic
def position_fill(*, actor, position, entry, starts_on, end_other_roles, note=""):
    """Fill a position from its slate: the holders' last day is the day before `starts_on`;
    the person gets a role term from that day (and, when asked, their other current roles
    end); their stage becomes "placed" with the history saying why; the slate is kept,
    marked filled."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    entry = SlateEntry.objects.select_related("slate", "candidate__user", "candidate").get(
        pk=entry.pk
    )
    fill_check(position=position, entry=entry, starts_on=starts_on)
    candidate = Candidate.objects.select_for_update().get(pk=entry.candidate_id)
    person = candidate.user
    ended = []
    for term in holders(position, starts_on):
        term.ended_on, term.end_reason = (
            last_day_before(starts_on, term),
            RoleTerm.EndReason.REPLACED,
        )
        term.save(update_fields=["ended_on", "end_reason"])
        ended.append(term)
    if end_other_roles:
        for term in other_roles(person, position, starts_on):
            term.ended_on = last_day_before(starts_on, term)
            term.end_reason = RoleTerm.EndReason.MOVED
            term.save(update_fields=["ended_on", "end_reason"])
            ended.append(term)
    term = RoleTerm.objects.create(
        district_id=position.district_id,
        position=position,
        person=person,
        started_on=starts_on,
        source=RoleTerm.Source.PLACEMENT,
        note=note[:300],
    )
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                district_id=position.district_id,
                position=position,
                slate=entry.slate,
                candidate=candidate,
                person=person,
                starts_on=starts_on,
                term=term,
                note=note[:300],
                placed_by=actor,
            )
    except IntegrityError as error:
        raise ValidationError(
            f"{person} is already placed elsewhere from {date_format(starts_on)}."
        ) from error
    slate = entry.slate
    slate.filled_at, slate.filled_by = timezone.now(), actor
    slate.save(update_fields=["filled_at", "filled_by"])
    if candidate.stage != Stage.PLACED:
        candidate_change(
            candidate=candidate,
            actor=actor,
            stage=Stage.PLACED,
            readiness=candidate.readiness,
            note=f"Placed as {position} from {date_format(starts_on)}"
            + (f". {note}" if note else ""),
        )
    audit_log(
        district=position.district,
        actor=actor,
        action="placement.record",
        obj=placement,
        summary=f"{actor} placed {person} as {position} from {starts_on}",
        after={
            "position": position.pk,
            "person": person.email,
            "starts_on": starts_on.isoformat(),
            "ended_terms": [t.pk for t in ended],
            "slate": slate.pk,
        },
    )
    return placement


@transaction.atomic
def settings_update(*, actor, setting, before):
    setting.save()
    audit_log(
        district=setting.district,
        actor=actor,
        action="succession_setting.update",
        obj=setting,
        summary=(
            f"{actor} {'let' if setting.supervisors_see_succession else 'stopped'} principal "
            "supervisors see succession planning"
        ),
        before={"supervisors_see_succession": before},
        after={"supervisors_see_succession": setting.supervisors_see_succession},
    )


@transaction.atomic
def supervisor_add(*, actor, district, person, school):
    found, created = SchoolSupervisor.objects.get_or_create(
        district=district, supervisor=person, school=school
    )
    if not created:
        raise ValidationError(f"{person} already supervises {school}.")
    audit_log(
        district=district,
        actor=actor,
        action="supervisor.add",
        obj=found,
        summary=f"{actor} made {person} the principal supervisor of {school}",
        after={"supervisor": person.email, "school": school.name},
    )
    return found


@transaction.atomic
def supervisor_remove(*, actor, supervision):
    audit_log(
        district=supervision.district,
        actor=actor,
        action="supervisor.remove",
        obj=supervision,
        summary=f"{actor} removed {supervision.supervisor} as supervisor of {supervision.school}",
        before={"supervisor": supervision.supervisor.email, "school": supervision.school.name},
    )
    supervision.delete()
