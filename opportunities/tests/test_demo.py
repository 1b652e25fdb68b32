import io

from django.core.management import call_command
from django.utils import timezone

from opportunities.models import (
    Application,
    ExperienceEntry,
    Follow,
    Opportunity,
    OpportunityKind,
)


def _counts():
    return [
        model.objects.count()
        for model in [Opportunity, Application, ExperienceEntry, Follow, OpportunityKind]
    ]


def test_it_seeds_a_dozen_opportunities_of_every_kind_once(db):
    call_command("seed_demo", stdout=io.StringIO())
    lakeview = Opportunity.objects.filter(district__slug="lakeview")
    assert lakeview.count() == 12
    kinds = OpportunityKind.objects.filter(district__slug="lakeview")
    assert set(lakeview.values_list("kind", flat=True)) == set(kinds.values_list("pk", flat=True))
    assert Application.objects.filter(status="submitted").exists()
    assert Application.objects.filter(status="draft").exists()
    assert Application.objects.filter(status="not_selected").exists()
    selected = Application.objects.filter(status="selected")
    assert selected.exists()
    assert ExperienceEntry.objects.filter(source="opportunity").count() == selected.count()
    assert not ExperienceEntry.objects.filter(ended_on__gt=timezone.localdate()).exists()
    for opportunity in lakeview:
        assert opportunity.applications.filter(status="selected").count() <= opportunity.seats
    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
