"""A person's leadership profile, section by section, and the facts a decision needs.

The profile shows what the people who decide about someone may see of them, under the
rules the apps below already keep; it adds none of its own:

- aims: the person, and whoever sees the candidate (Candidate.objects.visible_to);
- stage and readiness, with their history: whoever sees the candidate (district admins, the
  principal of the candidate's school). It is the district's judgement: not the person's;
- growth and reflections: portrait/access.py (filter_visible_reflections says what the
  viewer knows exists, filter_readable_reflections what they may read);
- leadership record: the person, district admins, their principal
  (ExperienceEntry.objects.visible_to);
- nominations and their evidence: Nomination.objects.visible_to;
- programs and attendance: the person, district admins, their principal (as the candidate
  page shows them);
- applications: the person, and whoever manages the opportunity
  (Opportunity.objects.managed_by);
- the growth plan: pipeline/plans/access.py (the reflection rules); mentoring pairs: whoever
  sees the profile.

Every section says what the viewer cannot see and why, instead of leaving a blank. A rating
belongs to its reflection: it is shown where the reflection may be read. "View as your
principal" builds the page with the principal's standing (their rules, applied to them),
and leaves out what the person may not see themself (the district's judgement of them).

Each function makes a fixed number of queries, whatever the number of reflections,
nominations or lines on the record.
"""

import json
from collections import Counter, defaultdict

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from leadership.models import Membership, Role
from opportunities import record
from opportunities.models import Application, Opportunity
from pipeline import access
from pipeline.models import Candidate, CandidateChange, Readiness, Stage
from pipeline.plans import profile as plans_profile
from portrait.access import filter_readable_reflections, filter_visible_reflections
from portrait.models import Attribute, Feedback, GrowthStep, Reflection
from portrait.ratings import chart_data, latest, rating_points
from programs.models import Attendance, Enrollment, Nomination

LABELS = {CandidateChange.Field.STAGE: Stage, CandidateChange.Field.READINESS: Readiness}


def _words(standing, seen_by):
    """How the notes name the viewer and the person, so that one sentence serves the person
    themself, anybody else, and the person looking as their principal."""
    if seen_by:
        return {
            "you": "your principal",
            "you_see": "your principal sees",
            "you_made": "they made",
            "you_manage": "they manage",
            "your_school": "their school",
            "name": "you",
            "name_has": "you have",
            "their": "your",
        }
    named = not standing.is_self
    return {
        "you": "you",
        "you_see": "you see",
        "you_made": "you made",
        "you_manage": "you manage",
        "your_school": "your school",
        "name": standing.person.full_name if named else "you",
        "name_has": f"{standing.person.full_name} has" if named else "you have",
        "their": "their" if named else "your",
    }


def _say(sentence, **words):
    text = sentence.format(**words)
    return text[:1].upper() + text[1:]


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def _kept(what, words):
    return _say(
        what + " shown to {name}, {their} principal and the district's administrators, not "
        "to {you}.",
        **words,
    )


def _submitted(standing):
    return Reflection.objects.submitted().filter(district=standing.district, author=standing.person)


def _unreadable(reflections, viewer):
    """The reflections the viewer may know exist but may not read (portrait/access.py)."""
    readable = filter_readable_reflections(reflections, viewer).values("pk")
    return filter_visible_reflections(reflections, viewer).exclude(pk__in=readable)


def _rated():
    return Q(self_rating__isnull=False) | Exists(
        Feedback.objects.filter(reflection=OuterRef("pk"), rating__isnull=False)
    )


# --- Sections -------------------------------------------------------------------------


def aims_section(standing, seen_by, words):
    candidate = (
        Candidate.objects.filter(district=standing.district, user=standing.person)
        .select_related("school", "sponsor", "readiness_set_by")
        .annotate(
            readable=Exists(Candidate.objects.visible_to(standing.viewer).filter(pk=OuterRef("pk")))
        )
        .first()
    )
    readable = bool(candidate and candidate.readable)
    judged = readable and not seen_by
    return {
        "template": "pipeline/_profile_aims.html",
        "candidate": candidate if readable or standing.is_self else None,
        "judged": judged,
        "history": _history(candidate) if judged else [],
        "may_change": judged and standing.is_admin,
        "notes": _aims_notes(standing, seen_by, words, candidate, readable),
    }


def _aims_notes(standing, seen_by, words, candidate, readable):
    if readable and seen_by:
        return [
            "Your principal also sees your stage and readiness in the district's pipeline, "
            "and their history. They are the district's judgement, not shown to you here."
        ]
    if readable:
        return []
    if standing.is_self:
        notes = [] if candidate else ["No aims are recorded for you yet."]
        return [
            *notes,
            "Your stage and readiness in the district's pipeline are the district's judgement: "
            "they are shown to its administrators and your principal, not here.",
        ]
    if standing.is_admin:  # an admin sees every candidate of the district
        return [f"{standing.person.full_name} is not in the district's leadership pipeline yet."]
    if standing.is_principal:
        return [
            _say(
                "{name} is not in the pipeline at {your_school}. Aims, stage and readiness are "
                "shown to the district's administrators and the principal of a candidate's "
                "school.",
                **words,
            )
        ]
    return [
        "Aims, stage and readiness in the district's pipeline are shown to its administrators "
        "and a candidate's principal, not to you."
    ]


def _history(candidate):
    return [
        {
            "change": change,
            "old": LABELS[change.field](change.old_value).label if change.old_value else "",
            "new": LABELS[change.field](change.new_value).label,
        }
        for change in candidate.changes.select_related("changed_by")
    ]


def growth_section(standing, seen_by, words):
    viewer = standing.viewer
    reflections = _submitted(standing)
    attributes = list(
        Attribute.objects.filter(framework__district=standing.district, framework__is_current=True)
    )
    timelines = {
        attribute_id: rows
        for (_, attribute_id), rows in rating_points(
            filter_readable_reflections(reflections, viewer)
        ).items()
    }
    unshared = dict(
        _unreadable(reflections, viewer)
        .filter(_rated())
        .order_by()
        .values("attribute_id")
        .annotate(n=Count("id"))
        .values_list("attribute_id", "n")
    )
    for attribute in attributes:
        attribute.timeline = timelines.get(attribute.pk, [])
        count = unshared.get(attribute.pk, 0)
        attribute.unshared = count and _say(
            "Ratings from {n} on {what} not shared with {you}.",
            n=_plural(count, "reflection"),
            what=attribute.name,
            **words,
        )
    total = sum(unshared.values())
    notes = []
    if total:
        notes.append(
            _say(
                "Ratings from {n} not shared with {you}. A rating is shown only with a "
                "reflection {you} may read.",
                n=_plural(total, "reflection"),
                **words,
            )
        )
    chart = chart_data(
        attributes, timelines, self_label="Your rating" if standing.is_self else "Self-rating"
    )
    return {
        "template": "pipeline/_profile_growth.html",
        "attributes": attributes,
        "chart": chart,
        # In an attribute, not a script block: htmx drops script blocks it swaps in.
        "chart_json": json.dumps(chart),
        "notes": notes,
        "steps": GrowthStep,
    }


def reflections_section(standing, seen_by, words):
    viewer = standing.viewer
    reflections = _submitted(standing)
    readable = list(
        filter_readable_reflections(reflections, viewer)
        .select_related("prompt", "attribute")
        .prefetch_related(
            "addenda", Prefetch("feedback", Feedback.objects.select_related("author"))
        )
        .order_by("-submitted_at", "-id")
    )
    unshared = _unreadable(reflections, viewer).count()
    notes = []
    if unshared:
        notes.append(
            _say(
                "{n} not shared with {you}: only {name}, {their} coaches and the district's "
                "administrators read them.",
                n=_plural(unshared, "reflection"),
                **words,
            )
        )
    elif not readable:
        notes.append(_say("{name_has} no submitted reflections yet.", **words))
    return {
        "template": "pipeline/_profile_reflections.html",
        "reflections": readable,
        "notes": notes,
    }


def record_section(standing, seen_by, words):
    shown = standing.is_self or standing.is_admin or standing.is_principal
    lines = []
    if shown:
        found = record.lines_for([standing.district.pk], [standing.person.pk])
        lines = found.get((standing.district.pk, standing.person.pk), [])
    return {
        "template": "pipeline/_profile_record.html",
        "shown": shown,
        "roles": [m for m in standing.memberships if m.is_active],
        "current": [line for line in lines if line.is_current and not line.starts_later],
        "lines": lines,
        "notes": [] if shown else [_kept("{their} leadership record is", words)],
    }


def nominations_section(standing, seen_by, words):
    nominations = (
        Nomination.objects.visible_to(standing.viewer)
        .filter(district=standing.district, nominee=standing.person)
        .select_related("program", "nominated_by", "school", "cohort")
        .with_evidence()
    )
    if standing.is_self or standing.is_admin:
        notes = []
    elif standing.is_principal:
        notes = [
            _say(
                "{you_see} the nominations made at {your_school} and those {you_made}; others "
                "are shown to {name}, the principal of the school they were made at and the "
                "district's administrators.",
                **words,
            )
        ]
    else:
        notes = [
            _say(
                "{you_see} only the nominations {you_made}; the others are shown to {name}, "
                "{their} principal and the district's administrators.",
                **words,
            )
        ]
    return {
        "template": "pipeline/_profile_nominations.html",
        "nominations": list(nominations),
        "notes": notes,
    }


def programs_section(standing, seen_by, words):
    shown = standing.is_self or standing.is_admin or standing.is_principal
    enrollments = []
    if shown:
        enrollments = list(
            Enrollment.objects.filter(
                person=standing.person, cohort__program__district=standing.district
            )
            .select_related("cohort__program")
            .annotate(
                recorded=Count("attendance"),
                present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
            )
            .order_by("-cohort__starts_on", "-id")
        )
    return {
        "template": "pipeline/_profile_programs.html",
        "shown": shown,
        "enrollments": enrollments,
        "notes": [] if shown else [_kept("{their} programs and attendance are", words)],
    }


def applications_section(standing, seen_by, words):
    applications = Application.objects.filter(
        applicant=standing.person, opportunity__district=standing.district
    ).exclude(status=Application.Status.DRAFT)
    notes = []
    if not standing.is_self:
        applications = applications.filter(
            opportunity__in=Opportunity.objects.managed_by(standing.viewer)
        )
    if not (standing.is_self or standing.is_admin):
        notes.append(
            _say(
                "{you_see} applications to the opportunities {you_manage}; the others are shown "
                "to {name} and to whoever manages each opportunity.",
                **words,
            )
        )
    return {
        "template": "pipeline/_profile_applications.html",
        "applications": list(
            applications.select_related("opportunity").order_by("-submitted_at", "-id")
        ),
        "is_self": standing.is_self,
        "notes": notes,
    }


def plan_section(standing, seen_by, words):
    """The growth plan, as pipeline/plans/access.py lets the viewer read it, and mentoring."""
    return plans_profile.plan_section(standing, lambda sentence: _say(sentence, **words))


SECTIONS = [
    aims_section,
    plan_section,
    growth_section,
    reflections_section,
    record_section,
    nominations_section,
    programs_section,
    applications_section,
]


def profile_sections(standing, *, seen_by=None):
    """The profile's sections as `standing.viewer` may see them.

    `seen_by` is the person themself looking at their page as their principal would see
    it (`standing` is then the principal's): what the person may not see is left out."""
    words = _words(standing, seen_by)
    return [section(standing, seen_by, words) for section in SECTIONS]


def principals_of(standing):
    """The principals of the schools where the person works now, in the profile's district,
    by name; the person themself left out."""
    schools = [m.school_id for m in standing.memberships if m.is_active and m.school_id]
    principals = (
        Membership.objects.filter(
            district=standing.district, role=Role.PRINCIPAL, is_active=True, school_id__in=schools
        )
        .exclude(user=standing.person)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )
    return list(dict.fromkeys(m.user for m in principals))


# --- The facts beside a decision ------------------------------------------------------


def decision_facts(viewer, person):
    """The few facts that matter when deciding about `person`, as `viewer` may see them:
    latest ratings, the number of lines on their leadership record, their open nominations
    and the day of their last feedback. None when `viewer` may not see their profile."""
    return decision_facts_for(viewer, [person.pk]).get(person.pk)


def decision_facts_for(viewer, person_ids):
    """`{person id: facts}` for those of `person_ids` whose profile `viewer` may see, in the
    order given; a fixed number of queries, whatever the number of people."""
    found = {pk: s for pk, s in access.standings(viewer, person_ids).items() if s}
    if not found:
        return {}
    districts = {s.district.pk for s in found.values()}
    ids = list(found)
    reflections = Reflection.objects.submitted().filter(
        author_id__in=ids, district_id__in=districts
    )
    points = rating_points(filter_readable_reflections(reflections, viewer))
    unshared = Counter(
        dict(
            _unreadable(reflections, viewer)
            .filter(_rated())
            .order_by()
            .values("author_id")
            .annotate(n=Count("id"))
            .values_list("author_id", "n")
        )
    )
    last_feedback = dict(
        Feedback.objects.filter(reflection__in=filter_visible_reflections(reflections, viewer))
        .order_by()
        .values("reflection__author_id")
        .annotate(last=Max("created_at"))
        .values_list("reflection__author_id", "last")
    )
    open_nominations = defaultdict(list)
    for nomination in (
        Nomination.objects.visible_to(viewer)
        .open()
        .filter(nominee_id__in=ids, district_id__in=districts)
        .select_related("program")
        .order_by("created_at", "id")
    ):
        open_nominations[nomination.nominee_id].append(nomination)
    with_record = [pk for pk, s in found.items() if s.is_self or s.is_admin or s.is_principal]
    lines = record.lines_for(districts, with_record) if with_record else {}
    attributes = defaultdict(list)
    for attribute in Attribute.objects.filter(
        framework__district_id__in=districts, framework__is_current=True
    ).select_related("framework"):
        attributes[attribute.framework.district_id].append(attribute)
    facts = {}
    for pk in person_ids:
        standing = found.get(pk)
        if standing is None:
            continue
        facts[pk] = {
            "standing": standing,
            "person": standing.person,
            "ratings": _latest_ratings(attributes[standing.district.pk], points, pk),
            "unshared": unshared[pk],
            "record_shown": pk in with_record,
            "experience": len(lines.get((standing.district.pk, pk), [])),
            "nominations_shown": standing.is_self or standing.is_admin or standing.is_principal,
            "open_nominations": [
                n for n in open_nominations[pk] if n.district_id == standing.district.pk
            ],
            "last_feedback": last_feedback.get(pk),
        }
    return facts


def _latest_ratings(attributes, points, person_id):
    """The latest self and coach rating on each attribute that has one, with its words."""
    rows = []
    for attribute in attributes:
        timeline = points.get((person_id, attribute.pk), [])
        own, coach = latest(timeline, "self"), latest(timeline, "coach")
        if own or coach:
            rows.append(
                {
                    "attribute": attribute,
                    "self": own,
                    "self_label": GrowthStep(own).label if own else "",
                    "coach": coach,
                    "coach_label": GrowthStep(coach).label if coach else "",
                }
            )
    return rows
