"""updated_since on every list, and the updated_at it compares kept true: a save that
names its fields, a slate's entries, the roster import's bulk writes."""

import datetime

import pytest
from django.utils import timezone

from api.tests.test_api_reading import COLLECTIONS
from leadership.models import Membership
from pipeline.roster import changes
from pipeline.succession.models import Slate, SlateEntry
from pipeline.tests.succession_data import ready_candidate
from programs.models import Enrollment


def moment(**delta):
    return (timezone.now() + datetime.timedelta(**delta)).isoformat()


@pytest.mark.parametrize("name", COLLECTIONS)
def test_every_list_takes_updated_since(name, world, api_for):
    api = api_for()
    assert api.get(f"/api/v1/{name}/", updated_since=moment(days=-1)).json()["results"]
    assert api.get(f"/api/v1/{name}/", updated_since=moment(seconds=1)).json()["results"] == []


def test_a_save_with_update_fields_is_stamped(world):
    ours, _ = world
    enrollment = Enrollment.objects.get(person=ours["person"])
    before = enrollment.updated_at
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.save(update_fields=["status"])
    assert Enrollment.objects.get(pk=enrollment.pk).updated_at > before


def test_a_slate_moves_when_its_entries_change(world, district, school):
    ours, _ = world
    slate = Slate.objects.get(pk=ours["slate"].pk)
    before = slate.updated_at
    newcomer = ready_candidate(district, school, "Nia Newcomer")
    entry = SlateEntry.objects.create(
        slate=slate, candidate=newcomer, rank=2, readiness="ready_now"
    )
    added = Slate.objects.get(pk=slate.pk).updated_at
    assert added > before
    entry.delete()
    assert Slate.objects.get(pk=slate.pk).updated_at > added


def test_the_roster_imports_bulk_writes_move_updated_at(world):
    """bulk_update and the deactivating UPDATE skip auto_now; the import stamps itself."""
    ours, _ = world
    membership = ours["person"].memberships.get()
    old = membership.updated_at
    membership.job_title = "Grade 7 lead"
    changes._bulk_update(Membership, [(membership, ["job_title"])])
    stamped = Membership.objects.get(pk=membership.pk).updated_at
    assert stamped > old
    changes._deactivate(Membership, [membership.pk])
    assert Membership.objects.get(pk=membership.pk).updated_at > stamped
