from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import OpportunityKind
from opportunities.tests.conftest import sent

URL = "/opportunities/"


def test_it_lists_open_opportunities_of_the_district(cast, client_for, opportunity):
    body = client_for(cast["teacher"]).get(URL).content.decode()
    assert "Review the grade 7 science units" in body
    assert "Maple Grove Middle School" in body


def test_it_requires_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_hides_other_districts(cast, client_for, opportunity):
    body = client_for(cast["outsider"]).get(URL).content.decode()
    assert "Review the grade 7 science units" not in body
    assert "No open opportunities match" in body


def test_it_leaves_out_closed_opportunities(cast, client_for, make_opportunity):
    make_opportunity(title="Closed last week", days=-7)
    body = client_for(cast["teacher"]).get(URL).content.decode()
    assert "Closed last week" not in body


def test_it_filters_by_kind_and_level(cast, client_for, make_opportunity, district):
    mentoring = OpportunityKind.objects.create(district=district, name="Mentoring")
    make_opportunity(title="Mentor a new teacher", kind=mentoring, level="classroom")
    make_opportunity(title="Join the visioning team", level="district")
    client = client_for(cast["teacher"])
    body = client.get(URL, {"kind": mentoring.pk}).content.decode()
    assert "Mentor a new teacher" in body
    assert "Join the visioning team" not in body
    body = client.get(URL, {"level": "district"}).content.decode()
    assert "Mentor a new teacher" not in body
    assert "Join the visioning team" in body


def test_it_filters_by_school_keeping_district_wide_ones(
    cast, client_for, make_opportunity, school, other_school
):
    make_opportunity(title="Only for the high school", school=other_school)
    make_opportunity(title="For everybody")
    body = client_for(cast["teacher"]).get(URL, {"school": school.pk}).content.decode()
    assert "For everybody" in body
    assert "Only for the high school" not in body


def test_it_filters_by_attribute(cast, client_for, make_opportunity, attributes):
    tagged = make_opportunity(title="Tagged with advocacy")
    tagged.attributes.set([attributes[1]])
    make_opportunity(title="Not tagged")
    body = client_for(cast["teacher"]).get(URL, {"attribute": attributes[1].pk}).content
    assert b"Tagged with advocacy" in body
    assert b"Not tagged" not in body


def test_it_shows_the_persons_own_application(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"])
    body = client_for(cast["teacher"]).get(URL).content.decode()
    assert "Your application: Sent" in body


def test_it_answers_htmx_with_the_table_only(cast, client_for, opportunity):
    response = client_for(cast["teacher"]).get(URL, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Review the grade 7 science units" in body
    assert "<html" not in body


def test_it_shows_managers_their_closed_opportunities(cast, client_for, make_opportunity, school):
    make_opportunity(title="Last term's team", school=school, days=-30)
    body = client_for(cast["principal"]).get(URL).content.decode()
    assert "Closed opportunities you manage" in body
    assert "Last term&#x27;s team" in body


def test_it_makes_the_same_number_of_queries_for_more_rows(
    cast, client_for, make_opportunity, attributes, school
):
    """The list must not query once per opportunity (attributes, kind, school, counts)."""

    def grow():
        for i in range(5):
            made = make_opportunity(title=f"Team {i}", school=school if i % 2 else None)
            made.attributes.set(attributes)
            sent(made, cast["other_teacher"])
            make_opportunity(title=f"Old {i}", school=school, days=-3)

    first = make_opportunity(title="First")
    first.attributes.set(attributes)
    make_opportunity(title="Old", school=school, days=-3)
    assert_flat_query_count(client_for(cast["principal"]), URL, grow, budget=15)


def test_it_shows_only_what_the_person_can_apply_to_when_asked(
    cast, client_for, make_opportunity, other_school
):
    make_opportunity(title="Only for the high school", school=other_school)
    make_opportunity(title="For everybody")
    client = client_for(cast["teacher"])
    assert "Only for the high school" in client.get(URL).content.decode()
    body = client.get(URL, {"show": "mine"}).content.decode()
    assert "For everybody" in body
    assert "Only for the high school" not in body


def test_it_pages_the_list_keeping_the_filters(cast, client_for, make_opportunity, kind):
    for i in range(30):
        make_opportunity(title=f"Project {i:02d}", days=10 + i)
    client = client_for(cast["teacher"])
    first = client.get(URL, {"kind": kind.pk}).content.decode()
    assert "30 open opportunities, showing 1–25" in first and "Page 1 of 2" in first
    assert "Project 24" in first and "Project 25" not in first
    assert f"?kind={kind.pk}&amp;page=2" in first
    second = client.get(URL, {"kind": kind.pk, "page": 2}, headers={"HX-Request": "true"})
    body = second.content.decode()
    assert "<h1" not in body and "Project 25" in body and "Project 29" in body
    assert "Project 24" not in body and "showing 26–30" in body


def test_it_offers_the_schools_and_keeps_the_chosen_one(cast, client_for, school):
    body = client_for(cast["teacher"]).get(URL, {"school": school.pk}).content.decode()
    assert f'<option value="{school.pk}" selected>{school.name}</option>' in body
    assert '<label class="form-label small" for="id_school">Open to</label>' in body
