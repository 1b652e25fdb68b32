"""A note on a nomination move that is too long is refused with its limit, not with a
message about the choice (which was fine), and nothing moves."""

import pytest
from django.urls import reverse

from programs.models import NominationEvent, NominationStatus

LONG = "x" * 100_000


@pytest.mark.parametrize(
    ("move", "who", "data"),
    [
        ("programs:nomination_respond", "teacher", {"answer": "accept"}),
        ("programs:nomination_decide", "district_admin", {"decision": "declined"}),
    ],
)
def test_a_long_note_is_refused_with_its_limit(
    move, who, data, request, client_for, principal, teacher, nominate
):
    nomination = nominate(principal, teacher)
    events = NominationEvent.objects.count()
    response = client_for(request.getfixturevalue(who)).post(
        reverse(move, args=[nomination.pk]), {**data, "note": LONG}, follow=True
    )
    assert "at most 2000 characters (it has 100000)" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    assert NominationEvent.objects.count() == events


def test_a_missing_answer_is_named(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    response = client_for(teacher).post(
        reverse("programs:nomination_respond", args=[nomination.pk]), {}, follow=True
    )
    assert "Nothing was changed: Choose accept or decline." in response.content.decode()
