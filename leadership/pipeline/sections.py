"""The pipeline's own sections and filters for other apps' data (see hooks.py).

They read programs through its models' QuerySet methods and reflections through
portrait/access.py's privacy rules.
"""

import django_filters
from django.db.models import Count, Q
from django.utils import timezone

from leadership import access
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
        .select_related("program", "nominated_by", "window")
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
    return {
        "template": "leadership/pipeline/_candidate_programs.html",
        "nominations": list(nominations),
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
    summary = visible.aggregate(
        submitted=Count("id"),
        shared=Count("id", filter=Q(shared_with_principal=True)),
        attributes=Count("attribute", distinct=True),
    )
    last = visible.order_by("-submitted_at").values_list("submitted_at", flat=True).first()
    return {
        "template": "leadership/pipeline/_candidate_reflections.html",
        "summary": summary,
        "last": last,
        "is_admin": candidate.district_id in access.admin_district_ids(request.user),
    }
