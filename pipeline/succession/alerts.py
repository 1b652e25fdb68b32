"""The succession emails: an alert when a position has a known opening within six months and
nobody ready now, and the monthly digest. Both go through notices.notify with unique keys:

- the alert's key is (position, opening date), so it goes out once for each known opening,
  whether the change that caused it or the daily task finds it first, and however often the
  task runs; a new date (a departure moved) is a new opening and is told again;
- a vacant position (nobody holds it now) is an opening too. Its date is the day it opened:
  its last holder's last day, or the day the position was added if nobody held it. That is
  the date an announced departure was told under when the holder leaves on it, so a
  departure already told is not told again when it comes and the term ends. A vacancy whose
  next holder is already named (a later start) is not told;
- the digest's key is (district, month).

District admins are told; so are a school's principal supervisors when the district lets
them see succession (SuccessionSetting). Nobody on a slate is ever told about it.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import User
from notices.notify import notify
from pipeline.succession import bench as bench_module
from pipeline.succession import projection
from pipeline.succession.models import SchoolSupervisor, SuccessionSetting
from programs.services import district_admins

ALERT_DAYS = 183  # six months
ALERT_KIND = "succession.uncovered"
DIGEST_KIND = "succession.digest"


def _recipients(district_id, school_id):
    people = list(district_admins(district_id))
    if (
        school_id
        and SuccessionSetting.objects.filter(
            district_id=district_id, supervisors_see_succession=True
        ).exists()
    ):
        people += list(
            User.objects.filter(
                pk__in=SchoolSupervisor.objects.filter(school_id=school_id).values("supervisor"),
                is_active=True,
            )
        )
    return people


def _alert(position, opening):
    vacant = opening.opened_on is not None
    if vacant:
        subject = f"{position}: vacant and nobody ready now"
    else:
        subject = f"{position}: an opening by {date_format(opening.day)} and nobody ready now"
    return notify(
        kind=ALERT_KIND,
        obj=position,
        recipients=_recipients(position.district_id, position.school_id),
        subject=subject,
        template="succession_uncovered",
        context={"position": position, "opening": opening, "vacant": vacant},
        period=(opening.opened_on if vacant else opening.day).isoformat(),
        url=reverse("pipeline:position_detail", args=[position.pk]),
    )


def _uncovered(openings, today):
    until = today + datetime.timedelta(days=ALERT_DAYS)
    return [o for o in openings if o.day <= until and not o.ready and o.next_start is None]


def alert_if_uncovered(position, today=None):
    """Queue the alert for one position if it is due (inside the caller's transaction)."""
    today = today or timezone.localdate()
    positions = projection.positions_in(position.district).filter(pk=position.pk)
    found = _uncovered(projection.known_openings(positions, today), today)
    return sum(_alert(position, opening) for opening in found)


def alert_uncovered(district, today=None):
    """Queue the alert for every position of the district that is due; returns emails queued."""
    today = today or timezone.localdate()
    openings = _uncovered(
        projection.known_openings(projection.positions_in(district), today), today
    )
    if not openings:
        return 0
    positions = {
        p.pk: p
        for p in projection.positions_in(district)
        .filter(pk__in=[o.position_id for o in openings])
        .select_related("kind", "school")
    }
    return sum(_alert(positions[o.position_id], o) for o in openings)


def digest_context(district, today):
    """The month's figures for the digest email."""
    found = projection.outlook(district, today=today)
    by_group, people = bench_module.people_on_slates(district)
    ready_now = sum(len(readiness.get("ready_now", [])) for readiness in by_group.values())
    groups = found["groups"]
    return {
        "district": district,
        "today": today,
        "known": sum(g.known[0] for g in groups),
        "expected": round(sum(g.expected[0] for g in groups), 1),
        "ready_now": ready_now,
        "no_ready": sum(g.no_ready for g in groups),
        "soon_uncovered": [o for o in _uncovered(found["known"], today)][:10],
        "several": bench_module.on_several(people)[:10],
    }


def send_digest(district, today=None):
    today = today or timezone.localdate()
    admins = list(district_admins(district.pk))
    if not admins:
        return 0
    return notify(
        kind=DIGEST_KIND,
        obj=district,
        recipients=admins,
        subject=f"Succession in {district.name}: {date_format(today, 'YEAR_MONTH_FORMAT')}",
        template="succession_digest",
        context=digest_context(district, today),
        period=f"{today:%Y-%m}",
        url=reverse("pipeline:succession"),
        reminder=True,
    )
