"""Succession in the seeds: Lakeview's demo, and the large benchmark district."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from leadership.models import District, School
from pipeline import scale
from pipeline.succession import bench
from pipeline.succession.models import Position, RoleTerm, Slate, SlateEntry

pytestmark = pytest.mark.django_db


def counts():
    return (
        Position.objects.count(),
        RoleTerm.objects.count(),
        Slate.objects.count(),
        SlateEntry.objects.count(),
    )


def test_lakeview_gets_positions_openings_and_slates_once():
    call_command("seed_demo")
    lakeview = District.objects.get(slug="lakeview")
    positions = Position.objects.filter(district=lakeview)
    for school in School.objects.filter(district=lakeview):
        assert positions.filter(school=school).exists(), school
    assert positions.filter(school=None).exists()  # the district office
    today = timezone.localdate()
    june = datetime.date(today.year, 6, 30)
    june = june if june > today else june.replace(year=today.year + 1)
    assert RoleTerm.objects.filter(retirement_eligible_on=june, ended_on=None).exists()
    assert RoleTerm.objects.filter(departure_on__gt=today, ended_on=None).exists()
    assert RoleTerm.objects.filter(ended_on__lt=today).exists()  # history is kept
    _, people = bench.people_on_slates(lakeview)
    twice = [p for p in people if p.slates == 2 and p.firsts == 2]
    assert [p.name for p in twice] == ["Nora Whitaker"]
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_the_large_district_has_positions_with_five_years_of_history():
    call_command("seed_demo", scale="large", size_factor=0.002)
    district = District.objects.get(slug=scale.DISTRICT_SLUG)
    schools = scale.sizes(0.002)["schools"]
    positions = Position.objects.filter(district=district)
    # Principal and assistant principal everywhere, a coach or a dean, a chair in one in four.
    assert positions.filter(kind__key="principal").count() == schools
    assert positions.count() >= 3 * schools + 2
    oldest = RoleTerm.objects.filter(district=district).order_by("started_on").first()
    assert oldest.started_on <= timezone.localdate() - datetime.timedelta(days=5 * 365)
    assert RoleTerm.objects.filter(district=district, ended_on__isnull=False).exists()
    assert SlateEntry.objects.filter(slate__district=district).exists()
