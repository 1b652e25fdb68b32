"""Nobody is offered an opportunity they posted or manage, nor an apply form on it: they
choose who takes it on."""

from opportunities.models import Application


def _apply_url(opportunity):
    return f"/opportunities/{opportunity.pk}/apply/"


def test_it_does_not_suggest_a_principal_his_own_posting(
    cast, client_for, make_opportunity, school
):
    make_opportunity(title="Lead our science fair", school=school)
    make_opportunity(title="District visioning team", posted_by=cast["admin"])

    body = client_for(cast["principal"]).get("/").content.decode()

    assert "Opportunities you could take on" in body
    assert "District visioning team" in body
    assert "Lead our science fair" not in body


def test_it_still_suggests_it_to_his_staff(cast, client_for, make_opportunity, school):
    make_opportunity(title="Lead our science fair", school=school)

    assert "Lead our science fair" in client_for(cast["teacher"]).get("/").content.decode()


def test_it_leaves_his_own_posting_out_of_the_ones_he_can_apply_to(
    cast, client_for, make_opportunity, school
):
    make_opportunity(title="Lead our science fair", school=school)
    make_opportunity(title="District visioning team", posted_by=cast["admin"])
    client = client_for(cast["principal"])

    mine = client.get("/opportunities/?show=mine").content.decode()
    every = client.get("/opportunities/").content.decode()

    assert "District visioning team" in mine
    assert "Lead our science fair" not in mine
    assert "Lead our science fair" in every
    assert every.count("You manage this") == 1


def test_it_shows_no_apply_form_on_his_own_posting(cast, client_for, make_opportunity, school):
    own = make_opportunity(title="Lead our science fair", school=school)

    body = client_for(cast["principal"]).get(f"/opportunities/{own.pk}/").content.decode()

    assert "You manage this opportunity" in body
    assert _apply_url(own) not in body
    assert "Send my application" not in body
    assert "Your application" not in body


def test_it_shows_no_apply_form_to_the_admin_who_posted_it(cast, client_for, make_opportunity):
    posted = make_opportunity(title="District visioning team", posted_by=cast["admin"])

    body = client_for(cast["admin"]).get(f"/opportunities/{posted.pk}/").content.decode()

    assert "You manage this opportunity" in body
    assert "Send my application" not in body


def test_it_shows_the_apply_form_to_his_staff(cast, client_for, make_opportunity, school):
    own = make_opportunity(title="Lead our science fair", school=school)

    body = client_for(cast["teacher"]).get(f"/opportunities/{own.pk}/").content.decode()

    assert f'action="{_apply_url(own)}"' in body


def test_it_refuses_his_application_to_his_own_posting(cast, client_for, make_opportunity, school):
    own = make_opportunity(title="Lead our science fair", school=school)

    response = client_for(cast["principal"]).post(
        _apply_url(own), {"note": "Me, please.", "submit": "1"}, follow=True
    )

    assert "you choose who takes it on, so you do not apply" in response.content.decode()
    assert not Application.objects.exists()


def test_it_refuses_an_application_from_whoever_posted_it(cast, client_for, make_opportunity):
    """A poster who is not (or no longer) its school's principal still does not apply."""
    posted = make_opportunity(title="District visioning team", posted_by=cast["teacher"])

    response = client_for(cast["teacher"]).post(
        _apply_url(posted), {"note": "Me, please.", "submit": "1"}, follow=True
    )

    assert "you do not apply" in response.content.decode()
    assert not Application.objects.exists()
