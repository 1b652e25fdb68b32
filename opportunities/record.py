"""A person's leadership record: their ExperienceEntry lines plus, read live, each
opportunity they were selected for and have not recorded yet (a current role until the
opportunity ends), each program they completed and each cohort they facilitated to its end.

Used on the home page, the record page, the pipeline's candidate page and its export (see
pipeline/sections.py). Each function makes a fixed number of queries.
"""

from collections import defaultdict

from django.utils import timezone
from django.utils.formats import date_format

from opportunities.models import Application, ExperienceEntry
from programs.models import Cohort, Enrollment

Source = ExperienceEntry.Source


def _newest_first(line):
    return (line.ended_on is None, line.ended_on or line.started_on, line.started_on)


def lines_for(district_ids, person_ids, *, today=None):
    """`{(district id, person id): [lines, newest first]}`; program and cohort lines are
    unsaved ExperienceEntry objects, so templates show every line the same way."""
    today = today or timezone.localdate()
    found = defaultdict(list)
    # Not their reflections: only the record page shows them (it reads them for its lines).
    entries = ExperienceEntry.objects.filter(
        district_id__in=district_ids, person_id__in=person_ids
    ).select_related("verified_by")
    for entry in entries:
        found[(entry.district_id, entry.person_id)].append(entry)
    _add_selections(found, district_ids, person_ids, today)
    # Not in Enrollment's order (by the person's name, a join to users): the lines are
    # sorted below, and one person's name orders nothing among their own lines.
    enrollments = (
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED,
            person_id__in=person_ids,
            cohort__program__district_id__in=district_ids,
        )
        .select_related("cohort__program")
        .order_by()
    )
    for enrollment in enrollments:
        cohort, program = enrollment.cohort, enrollment.cohort.program
        found[(program.district_id, enrollment.person_id)].append(
            ExperienceEntry(
                district_id=program.district_id,
                person_id=enrollment.person_id,
                title=f"{program.name} ({cohort.name})",
                kind="Leadership development program",
                level=program.target_level,
                started_on=cohort.starts_on,
                ended_on=enrollment.ended_on or cohort.ends_on,
                source=Source.PROGRAM,
            )
        )
    facilitated = Cohort.objects.filter(
        facilitator_id__in=person_ids,
        program__district_id__in=district_ids,
        ends_on__lt=today,
    ).select_related("program")
    for cohort in facilitated:
        found[(cohort.program.district_id, cohort.facilitator_id)].append(
            ExperienceEntry(
                district_id=cohort.program.district_id,
                person_id=cohort.facilitator_id,
                title=f"Facilitated {cohort.program.name} ({cohort.name})",
                kind="Cohort facilitation",
                level=cohort.program.target_level,
                started_on=cohort.starts_on,
                ended_on=cohort.ends_on,
                source=Source.COHORT,
            )
        )
    for lines in found.values():
        lines.sort(key=_newest_first, reverse=True)
        for line in lines:
            # "Leading now, since …" or, selected for something that has not begun, "starts …".
            line.is_current = line.ended_on is None
            line.starts_later = line.started_on > today
    return found


def _add_selections(found, district_ids, person_ids, today):
    """A line for each opportunity the person was selected for (the selection announced)
    and has not put on their record themself: since it starts (or since the selection),
    current until the opportunity's end date has passed, then dated by it."""
    recorded = {
        (line.district_id, line.person_id, line.source_key)
        for lines in found.values()
        for line in lines
    }
    selections = Application.objects.filter(
        status=Application.Status.SELECTED,
        applicant_id__in=person_ids,
        opportunity__district_id__in=district_ids,
    ).select_related("opportunity__kind")
    for application in selections:
        opportunity = application.opportunity
        key = (opportunity.district_id, application.applicant_id, f"opportunity:{opportunity.pk}")
        if key in recorded:
            continue
        selected_on = (
            timezone.localdate(application.decided_at) if application.decided_at else today
        )
        ended_on = (
            opportunity.ends_on if opportunity.ends_on and opportunity.ends_on < today else None
        )
        started_on = opportunity.starts_on or selected_on
        found[key[:2]].append(
            ExperienceEntry(
                district_id=opportunity.district_id,
                person_id=application.applicant_id,
                title=opportunity.title,
                kind=opportunity.kind.name,
                level=opportunity.level,
                started_on=min(started_on, ended_on) if ended_on else started_on,
                ended_on=ended_on,
                source=Source.OPPORTUNITY,
                source_key=key[2],
                opportunity=opportunity,
            )
        )


def record_of(person, district_ids):
    """One person's lines across the given districts, newest first."""
    found = lines_for(district_ids, [person.pk])
    lines = [line for key in found for line in found[key]]
    return sorted(lines, key=_newest_first, reverse=True)


def _when(entry):
    end = date_format(entry.ended_on, "YEAR_MONTH_FORMAT") if entry.ended_on else "now"
    return f"{date_format(entry.started_on, 'YEAR_MONTH_FORMAT')}–{end}"


def _checked(entry):
    """For experience from outside Deep Bench: who verified it and when, or that nobody has."""
    if entry.source != Source.OUTSIDE:
        return ""
    if not entry.verified_at:
        return ", not verified"
    who = entry.verified_by or "a district administrator"
    return f", verified by {who} on {date_format(timezone.localdate(entry.verified_at))}"


def candidate_section(request, candidate):
    found = lines_for([candidate.district_id], [candidate.user_id])
    return {
        "template": "opportunities/_candidate_record.html",
        "entries": found.get((candidate.district_id, candidate.user_id), []),
        "person": candidate.user,
    }


def export_experience(candidates):
    """`{candidate id: "Title (Sep 2024–Jun 2025); ..."}` for the pipeline export."""
    by_person = {(c.district_id, c.user_id): c.pk for c in candidates}
    if not by_person:
        return {}
    found = lines_for({d for d, _ in by_person}, {p for _, p in by_person})
    values = {}
    for key, candidate_id in by_person.items():
        lines = sorted(found.get(key, []), key=lambda line: line.started_on)
        if lines:
            values[candidate_id] = "; ".join(
                f"{line.title} ({_when(line)}{_checked(line)})" for line in lines
            )
    return values
