"""What the pipeline's pages show from the apps below it: the dashboard's sections, the
candidate page's sections, extra filters, the schools page's extra columns and the export's
extra columns. The lists at the end say which appear, in order.

Each dashboard or candidate section returns a dict (or None to show nothing) whose
"template" key names the fragment that renders it. Every function makes a fixed number of
queries, whatever the number of candidates. Programs are read through their models'
QuerySet methods, reflections through portrait/access.py's privacy rules.
"""

import django_filters
from django.db.models import Count, Max, Q
from django.utils import timezone

from leadership import access, school_year
from opportunities import record
from opportunities.reach import (
    columns_by_school,
    numbers_by_school,
    reach_by_level,
    school_year_start,
)
from pipeline.dashboard import active_schools, neediest
from pipeline.models import Candidate
from pipeline.plans.models import GrowthPlan, PlanStatus
from pipeline.succession.sections import candidate_positions, placements_section
from portrait.access import filter_visible_reflections
from portrait.models import Reflection
from programs.models import Attendance, Enrollment, Nomination, NominationWindow, Program


def program_filter(district, schools):
    """Candidates nominated to, or enrolled in, one of the district's programs."""
    return django_filters.ModelChoiceFilter(
        queryset=Program.objects.filter(district=district),
        label="Program",
        empty_label="Any",
        method=_in_program,
    )


def _in_program(queryset, name, program):
    nominated = Nomination.objects.filter(program=program).values("nominee")
    enrolled = Enrollment.objects.filter(cohort__program=program).values("person")
    return queryset.filter(Q(user__in=nominated) | Q(user__in=enrolled))


def nominated_filter(district, schools):
    """Candidates nominated in a window that is open today."""
    return django_filters.ChoiceFilter(
        choices=[("current", "In the current window")],
        label="Nominated",
        empty_label="Any time or never",
        method=_nominated_now,
    )


def _nominated_now(queryset, name, value):
    today = timezone.localdate()
    windows = NominationWindow.objects.filter(opens_on__lte=today, closes_on__gte=today)
    nominees = Nomination.objects.filter(window__in=windows).values("nominee")
    return queryset.filter(user__in=nominees, district__in=windows.values("program__district"))


def candidate_programs(request, candidate):
    """Nominations, enrollments and attendance of one candidate, as the viewer may see them."""
    nominations = (
        Nomination.objects.visible_to(request.user)
        .filter(district_id=candidate.district_id, nominee_id=candidate.user_id)
        .select_related("program", "nominated_by")
    )
    enrollments = list(
        Enrollment.objects.filter(
            person_id=candidate.user_id, cohort__program__district_id=candidate.district_id
        )
        .select_related("cohort__program")
        .annotate(
            present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
            recorded=Count("attendance"),
        )
        .order_by("-cohort__starts_on")
    )
    nominations = list(nominations)
    hidden = 0
    if candidate.district_id not in access.admin_district_ids(request.user):
        # A principal sees the nominations of their own school: say how many others exist.
        everyone = Nomination.objects.filter(
            district_id=candidate.district_id, nominee_id=candidate.user_id
        )
        hidden = everyone.count() - len(nominations)
    return {
        "template": "pipeline/_candidate_programs.html",
        "nominations": nominations,
        "hidden_nominations": hidden,
        "enrollments": enrollments,
    }


def candidate_reflections(request, candidate):
    """How much the person has reflected: counts and dates, never text here.

    Counts only the reflections whose existence the viewer may see (portrait/access.py).
    """
    visible = filter_visible_reflections(
        Reflection.objects.filter(
            district_id=candidate.district_id,
            author_id=candidate.user_id,
            status=Reflection.Status.SUBMITTED,
        ),
        request.user,
    )
    # A submitted reflection always has submitted_at (a constraint), so the latest is the Max.
    summary = visible.aggregate(
        submitted=Count("id"),
        shared=Count("id", filter=Q(shared_with_principal=True)),
        attributes=Count("attribute", distinct=True),
        last=Max("submitted_at"),
    )
    return {
        "template": "pipeline/_candidate_reflections.html",
        "summary": summary,
        "last": summary["last"],
        "is_admin": candidate.district_id in access.admin_district_ids(request.user),
    }


def reach_section(user, district, schools):
    """Fair reach on the pipeline dashboard: who applies for and is given opportunities."""
    whole_district = district.pk in access.admin_district_ids(user)
    # Counted over the same schools as the glance's share, so once between them.
    numbers = numbers_by_school(district, schools.filter(is_active=True))
    rows = [{"school": school, **numbers(school.pk)} for school in active_schools(schools)]
    shown = neediest(rows, lambda row: (not row["nobody_applied"], row["led_share"]))
    return {
        "template": "opportunities/_pipeline_reach.html",
        "year_start": school_year_start(),
        "by_school": shown,
        "schools": len(rows),
        "nobody_applied": sum(row["nobody_applied"] for row in rows),
        "partial": len(shown) < len(rows),
        "by_level": reach_by_level(district, None if whole_district else schools),
    }


def reach_columns(district, schools):
    """Reach this school year, per school, for the pipeline's schools page."""
    return {
        "columns": [
            ("staff", "Staff"),
            ("applied", "Applied this year"),
            ("selected", "Selected this year"),
            ("led_share", "Led something this year (%)"),
        ],
        "values": columns_by_school(district, schools),
    }


def plan_columns(district, schools):
    """Per school, the candidates whose growth plan for this school year was reviewed."""
    reviewed = GrowthPlan.objects.filter(
        district=district, year=school_year.current_year(), status=PlanStatus.REVIEWED
    ).values("author")
    counts = (
        Candidate.objects.filter(district=district, school__in=schools, user__in=reviewed)
        .order_by()
        .values_list("school")
        .annotate(n=Count("id"))
    )
    return {
        "columns": [("reviewed_plans", "Candidates with a reviewed growth plan")],
        "values": {school_id: {"reviewed_plans": n} for school_id, n in counts},
    }


# The dashboard's sections after its own: `section(user, district, schools)`, where
# `schools` are the schools the viewer may see.
PIPELINE_SECTIONS = [reach_section, placements_section]

# The candidate page's sections: `section(request, candidate)`.
CANDIDATE_SECTIONS = [
    candidate_positions,
    candidate_programs,
    candidate_reflections,
    record.candidate_section,
]

# More numbers per school on /pipeline/schools/: `columns(district, schools)` returns
# {"columns": [(key, label)], "values": {school_id: {key: number}}}, sortable like the rest.
SCHOOL_COLUMNS = [reach_columns, plan_columns]

# More columns in the candidate export: (header, function of the exported candidates that
# returns {candidate_id: value}); a missing id exports as an empty cell.
EXPORT_COLUMNS = [("Leadership experience", record.export_experience)]

# More filters on the candidate list: (name, function of (district, schools) -> Filter).
EXTRA_FILTERS = [("program", program_filter), ("nominated", nominated_filter)]


def _shown(sections, *args):
    return [found for section in sections if (found := section(*args))]


def pipeline_sections(user, district, schools):
    return _shown(PIPELINE_SECTIONS, user, district, schools)


def candidate_sections(request, candidate):
    return _shown(CANDIDATE_SECTIONS, request, candidate)


def school_columns(district, schools):
    return [columns(district, schools) for columns in SCHOOL_COLUMNS]
