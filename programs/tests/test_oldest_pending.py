"""The home page's "waiting for you": the oldest nominations waiting for a person, read one
kind of waiting at a time, are what one query over all of them finds."""

import datetime
import random

import pytest
from django.utils import timezone

from leadership import access
from programs.models import Nomination
from programs.models import NominationStatus as S
from programs.services import oldest_pending, pending_for

FIELDS = ["pk", "nominee_id", "status", "program__name", "nominee__full_name", "nominee__email"]


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_oldest_waiting_are_those_of_one_query(
    limit, cast, district, school, other_school, program, window
):
    rng = random.Random(limit)
    start = timezone.now() - datetime.timedelta(days=30)
    people = [cast["teacher"], cast["other_teacher"], cast["coach"], cast["principal"]]
    for _ in range(40):
        Nomination.objects.create(
            district=district,
            program=program,
            window=window,
            nominee=rng.choice(people),
            school=rng.choice([school, other_school]),
            nominated_by=cast["principal"],
            status=rng.choice(S.values),
            # some made at the same moment: the older id comes first
            created_at=start + datetime.timedelta(hours=rng.randrange(20)),
        )
    Nomination.objects.filter(nominee=cast["teacher"]).update(status=S.SUBMITTED)
    Nomination.objects.filter(nominee=cast["coach"], school=school).update(
        status=S.AWAITING_ENDORSEMENT
    )
    for who in ("admin", "principal", "teacher", "other_principal"):
        user = cast[who]
        args = (user, access.admin_district_ids(user), access.principal_school_ids(user))
        expected = list(
            pending_for(*args).order_by("created_at", "pk").values_list(*FIELDS)[:limit]
        )
        assert oldest_pending(*args, FIELDS, limit=limit) == expected, who
        if who != "other_principal":
            assert expected, f"nothing waits for the {who}: nothing was compared"
