"""Fair reach: who applies for and is given opportunities to lead, school by school.

Every function makes a fixed number of queries, whatever the number of people.
"""

from django.db.models import Count, Q
from django.utils import timezone

from leadership.models import Level, Membership, User
from leadership.school_year import school_year_start
from leadership.sql import fetch_rows, nested_sql
from opportunities.models import Application, ExperienceEntry, Opportunity


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


def _led_this_year(district, since, today):
    """Two subqueries of the people who held a leadership experience, or were selected for
    an opportunity, since `since`."""
    from_record = ExperienceEntry.objects.filter(district=district, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=since)
    )
    selected = Application.objects.filter(
        opportunity__district=district,
        status=Application.Status.SELECTED,
        decided_at__date__gte=since,
    )
    return from_record.values("person"), selected.values("applicant")


def reach_by_school(district, schools, *, today=None):
    """For each school: staff, how many applied and were selected this school year, and the
    share of staff who led something. Schools where nobody applied are marked.

    `schools` is a list or a queryset of schools. One query counts every school at once:
    each person at a school once, then how many of them are in each group."""
    today = today or timezone.localdate()
    since = school_year_start(today)
    # school__isnull=False is implied; said, it lets PostgreSQL read membership_staff_idx.
    staff = Membership.objects.filter(
        district=district, school__isnull=False, school__in=schools, is_active=True
    )
    sent = Application.objects.counted().filter(
        opportunity__district=district, submitted_at__date__gte=since
    )
    on_record, selected_this_year = _led_this_year(district, since, today)
    parts = [
        nested_sql(staff.order_by().values("school_id", "user_id").distinct()),
        nested_sql(sent.order_by().values("applicant_id")),
        nested_sql(
            sent.filter(status=Application.Status.SELECTED).order_by().values("applicant_id")
        ),
        nested_sql(on_record.order_by()),
        nested_sql(selected_this_year.order_by()),
    ]
    counts = {}
    if None not in parts:
        (people, p1), (applied, p2), (selected, p3), (record, p4), (chosen, p5) = parts
        counts = {
            school_id: numbers
            for school_id, *numbers in fetch_rows(
                f"""
                SELECT m.school_id, COUNT(*),
                    COUNT(*) FILTER (WHERE m.user_id IN ({applied})),
                    COUNT(*) FILTER (WHERE m.user_id IN ({selected})),
                    COUNT(*) FILTER (WHERE m.user_id IN ({record}) OR m.user_id IN ({chosen}))
                FROM ({people}) m
                GROUP BY m.school_id
                """,
                (*p2, *p3, *p4, *p5, *p1),
            )
        }
    rows = []
    for school in schools:
        staff_count, applied_count, selected_count, led_count = counts.get(school.pk, (0, 0, 0, 0))
        rows.append(
            {
                "school": school,
                "staff": staff_count,
                "applied": applied_count,
                "selected": selected_count,
                "led": led_count,
                "led_share": _share(led_count, staff_count),
                "nobody_applied": not applied_count,
            }
        )
    return rows


def staff_led_share(district, schools, *, today=None):
    """Across `schools` (each person once, however many of them they work at): staff, how
    many led something this school year, and the share. One query."""
    today = today or timezone.localdate()
    on_record, selected = _led_this_year(district, since=school_year_start(today), today=today)
    staff = Membership.objects.filter(district=district, school__in=schools, is_active=True)
    found = User.objects.filter(pk__in=staff.values("user")).aggregate(
        staff=Count("pk"), led=Count("pk", filter=Q(pk__in=on_record) | Q(pk__in=selected))
    )
    return {**found, "share": _share(found["led"], found["staff"])}


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
    posted = dict(opportunities.order_by().values_list("level").annotate(n=Count("id")))
    applied, chosen = {}, {}
    for level, sent, selected in (
        applications.order_by()
        .values_list("opportunity__level")
        .annotate(sent=Count("id"), selected=Count("id", filter=Q(status="selected")))
    ):
        applied[level], chosen[level] = sent, selected
    return [
        {
            "level": label,
            "opportunities": posted.get(value, 0),
            "applied": applied.get(value, 0),
            "selected": chosen.get(value, 0),
        }
        for value, label in Level.choices
    ]
