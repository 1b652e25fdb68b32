"""The candidate page's leadership positions: the positions the person holds or held, and,
for the district's admins only, the slates naming them, each linked to its page."""

from django.urls import reverse

from leadership.models import Level
from pipeline.succession.models import RoleTerm, Slate, SlateEntry
from pipeline.tests.succession_data import READY_LATER, READY_NOW, days, kind, position, slate
from pipeline.tests.succession_data import ready_candidate as make_candidate


def _page(client, person):
    return client.get(reverse("pipeline:candidate_detail", args=[person.pk])).content.decode()


def _with_positions(district, school):
    person = make_candidate(district, school, "Rita Ready")
    held = position(district, school, key="assistant_principal")
    RoleTerm.objects.create(
        district=district, position=held, person=person.user, started_on=days(-400)
    )
    wanted = position(district, school)
    slate(wanted, (person, READY_NOW))
    openings = Slate.objects.create(district=district, kind=kind(district), level=Level.SCHOOL)
    SlateEntry.objects.create(slate=openings, candidate=person, rank=1, readiness=READY_LATER)
    return person, held, wanted, openings


def test_it_links_an_admin_to_each_position_and_slate(cast, client_for, district, school):
    person, held, wanted, openings = _with_positions(district, school)

    body = _page(client_for(cast["admin"]), person)

    position_link = reverse("pipeline:position_detail", args=[held.pk])
    assert f'<a href="{position_link}">{held}</a>' in body
    wanted_link = reverse("pipeline:position_detail", args=[wanted.pk])
    assert f'<a href="{wanted_link}">{wanted}</a>: rank 1, ready now' in body
    openings_link = reverse("pipeline:slate_detail", args=[openings.pk])
    assert f'<a href="{openings_link}">{openings}</a>: rank 1,' in body


def test_it_shows_a_principal_the_positions_without_links_or_slates(
    cast, client_for, district, school
):
    person, held, wanted, openings = _with_positions(district, school)

    body = _page(client_for(cast["principal"]), person)

    assert f'<th scope="row" class="fw-normal">{held}</th>' in body
    assert "/positions/" not in body
    assert "On succession slates" not in body
    assert str(openings) not in body
