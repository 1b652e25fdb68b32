"""Fair reach: who applies for and is given opportunities to lead, school by school.

Every function makes a fixed number of queries, whatever the number of people.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from leadership import access as people_access
from leadership.models import Level, Membership
from opportunities.models import Application, ExperienceEntry, Opportunity

SCHOOL_YEAR_STARTS = (8, 1)  # 1 August


def school_year_start(day=None):
    day = day or timezone.localdate()
    month, first = SCHOOL_YEAR_STARTS
    year = day.year if (day.month, day.day) >= (month, first) else day.year - 1
    return datetime.date(year, month, first)


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


def leaders_this_year(district, since, today):
    """People who held a leadership experience or were selected for one since `since`."""
    from_record = ExperienceEntry.objects.filter(district=district, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=since)
    )
    selected = Application.objects.filter(
        opportunity__district=district,
        status=Application.Status.SELECTED,
        decided_at__date__gte=since,
    )
    return set(from_record.values_list("person_id", flat=True)) | set(
        selected.values_list("applicant_id", flat=True)
    )


def reach_by_school(district, schools, *, today=None):
    """For each school: staff, how many applied and were selected this school year, and the
    share of staff who led something. Schools where nobody applied are marked."""
    today = today or timezone.localdate()
    since = school_year_start(today)
    staff = defaultdict(set)
    for school_id, user_id in Membership.objects.filter(
        district=district, school__in=schools, is_active=True
    ).values_list("school_id", "user_id"):
        staff[school_id].add(user_id)
    applications = list(
        Application.objects.counted()
        .filter(opportunity__district=district, submitted_at__date__gte=since)
        .values_list("applicant_id", "status")
    )
    applied = {person for person, _ in applications}
    selected = {person for person, status in applications if status == "selected"}
    led = leaders_this_year(district, since, today)
    rows = []
    for school in schools:
        people = staff.get(school.pk, set())
        rows.append(
            {
                "school": school,
                "staff": len(people),
                "applied": len(people & applied),
                "selected": len(people & selected),
                "led": len(people & led),
                "led_share": _share(len(people & led), len(people)),
                "nobody_applied": not people & applied,
            }
        )
    return rows


def reach_by_level(district, schools=None, *, today=None):
    """For each level an opportunity develops: opportunities posted, applications sent and
    people selected this school year. With `schools`, only those schools' staff count."""
    today = today or timezone.localdate()
    since = school_year_start(today)
    applications = Application.objects.counted().filter(
        opportunity__district=district, submitted_at__date__gte=since
    )
    opportunities = Opportunity.objects.filter(district=district, created_at__date__gte=since)
    if schools is not None:
        staff = Membership.objects.filter(school__in=schools, is_active=True).values("user")
        applications = applications.filter(applicant__in=staff)
        opportunities = opportunities.filter(Q(school__isnull=True) | Q(school__in=schools))
    posted = defaultdict(int)
    for level in opportunities.values_list("level", flat=True):
        posted[level] += 1
    applied, chosen = defaultdict(int), defaultdict(int)
    for level, status in applications.values_list("opportunity__level", "status"):
        applied[level] += 1
        chosen[level] += status == "selected"
    return [
        {
            "level": label,
            "opportunities": posted[value],
            "applied": applied[value],
            "selected": chosen[value],
        }
        for value, label in Level.choices
    ]


def pipeline_section(request, district, schools):
    """The fair-reach section of the pipeline dashboard (leadership/pipeline/hooks.py)."""
    whole_district = district.pk in people_access.admin_district_ids(request.user)
    schools = list(schools)
    return {
        "template": "opportunities/_pipeline_reach.html",
        "year_start": school_year_start(),
        "by_school": reach_by_school(district, schools),
        "by_level": reach_by_level(district, None if whole_district else schools),
    }
