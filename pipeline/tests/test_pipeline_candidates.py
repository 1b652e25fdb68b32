from leadership import picker
from leadership.models import School
from leadership.tests.helpers import assert_flat_query_count
from pipeline.models import Candidate, Readiness, Stage
from pipeline.tests.pipeline_data import candidate, framework, many_candidates, rate
from pipeline.views.candidates import FEW, PER_PAGE

URL = "/pipeline/candidates/"


def test_it_lists_the_districts_candidates(cast, client_for, district, school, other_district):
    candidate(district, school, "Rita Ready", Stage.READY_NOW)
    Candidate.objects.create(district=other_district, user=cast["outsider"])
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "Rita Ready" in body
    assert "Oscar Outsider" not in body


def test_it_shows_a_principal_only_their_school(cast, client_for, district, school, other_school):
    candidate(district, school, "Mine Here")
    candidate(district, other_school, "Not Mine")
    body = client_for(cast["principal"]).get(URL).content.decode()
    assert "Mine Here" in body
    assert "Not Mine" not in body


def test_it_filters_by_stage_school_readiness_and_name(
    cast, client_for, district, school, other_school
):
    candidate(district, school, "Alma Ready", Stage.READY_NOW, readiness=Readiness.READY_NOW)
    candidate(district, other_school, "Bert Later", Stage.READY_LATER)
    client = client_for(cast["admin"])
    body = client.get(URL, {"stage": "ready_now"}).content.decode()
    assert "Alma Ready" in body and "Bert Later" not in body
    body = client.get(URL, {"school": other_school.pk}).content.decode()
    assert "Bert Later" in body and "Alma Ready" not in body
    body = client.get(URL, {"readiness": "ready_now"}).content.decode()
    assert "Alma Ready" in body and "Bert Later" not in body
    body = client.get(URL, {"q": "bert"}).content.decode()
    assert "Bert Later" in body and "Alma Ready" not in body


def test_it_filters_by_latest_rating_on_an_attribute(cast, client_for, district, school):
    _, attribute, prompt = framework(district)
    grown = candidate(district, school, "Grace Grown")
    slipped = candidate(district, school, "Sam Slipped")
    rate(grown.user, district, prompt, 1, days_ago=10)
    rate(grown.user, district, prompt, 3)
    rate(slipped.user, district, prompt, 4, days_ago=10)
    rate(slipped.user, district, prompt, 2)
    body = (
        client_for(cast["admin"])
        .get(URL, {"attribute": attribute.pk, "at_least": 3})
        .content.decode()
    )
    assert "Grace Grown" in body
    assert "Sam Slipped" not in body
    body = (
        client_for(cast["admin"])
        .get(URL, {"attribute": attribute.pk, "at_least": 2, "q": "s"})
        .content.decode()
    )
    assert "Sam Slipped" in body
    assert "Grace Grown" not in body


def test_it_sorts_by_stage_in_pipeline_order(cast, client_for, district, school):
    candidate(district, school, "Aaron Placed", Stage.PLACED)
    candidate(district, school, "Zed Identified", Stage.IDENTIFIED)
    body = client_for(cast["admin"]).get(URL, {"sort": "stage"}).content.decode()
    assert body.index("Zed Identified") < body.index("Aaron Placed")
    body = client_for(cast["admin"]).get(URL, {"sort": "-stage"}).content.decode()
    assert body.index("Aaron Placed") < body.index("Zed Identified")


def test_it_paginates(cast, client_for, district, school):
    many_candidates(district, [school], 30)
    client = client_for(cast["admin"])
    body = client.get(URL).content.decode()
    assert "Page 1 of 2" in body and "Person 00029" not in body
    body = client.get(URL, {"page": 2}).content.decode()
    assert "Person 00029" in body


def test_it_pages_a_name_search_in_the_lists_order(
    cast, client_for, district, school, other_school
):
    many_candidates(district, [school, other_school], 30, prefix="Garcia")
    many_candidates(district, [school], 5, prefix="Lopez")
    client = client_for(cast["admin"])
    body = client.get(URL, {"q": "garc"}).content.decode()
    assert "30 candidates" in body and "Page 1 of 2" in body
    assert body.index("Garcia 00000") < body.index("Garcia 00024")
    assert "Garcia 00025" not in body and "Lopez 00000" not in body
    body = client.get(URL, {"q": "garc", "page": 2}).content.decode()
    assert "Garcia 00025" in body and "Garcia 00029" in body and "Garcia 00024" not in body
    body = client.get(URL, {"q": "garc", "sort": "-name"}).content.decode()
    assert body.index("Garcia 00029") < body.index("Garcia 00005")
    assert "Garcia 00004" not in body


def test_it_counts_and_pages_a_name_search_matching_more_than_few(
    cast, client_for, district, school
):
    many_candidates(district, [school], FEW + 5, prefix="Garcia")
    client = client_for(cast["admin"])
    last_page = (FEW + 5 + PER_PAGE - 1) // PER_PAGE
    body = client.get(URL, {"q": "garc", "page": last_page}).content.decode()
    assert f"{FEW + 5} candidates" in body and f"Page {last_page} of {last_page}" in body
    assert f"Garcia {FEW + 4:05d}" in body and f"Garcia {FEW - PER_PAGE:05d}" not in body


def test_it_answers_htmx_with_the_table_only(cast, client_for, district, school):
    candidate(district, school, "Hana Htmx")
    response = client_for(cast["admin"]).get(URL, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Hana Htmx" in body
    assert "<html" not in body


def test_it_requires_sign_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_it_refuses_teachers_and_coaches(cast, client_for):
    assert client_for(cast["teacher"]).get(URL).status_code == 403
    assert client_for(cast["coach"]).get(URL).status_code == 403


def test_it_makes_the_same_number_of_queries_for_10_and_10000_candidates(
    cast, client_for, district, school, other_school
):
    """The list is paginated and joined: its query count must not depend on the district's size."""
    many_candidates(district, [school, other_school], 10, prefix="Few")
    framework(district)
    url = f"{URL}?sort=-stage&attribute=&stage="
    assert_flat_query_count(
        client_for(cast["admin"]),
        url,
        lambda: many_candidates(district, [school, other_school], 9990),
        budget=11,
    )


def test_a_name_search_makes_the_same_number_of_queries_for_10_and_900_matches(
    cast, client_for, district, school, other_school
):
    """A name search is counted and paged from the ids of its matches (up to FEW of them):
    one query for the ids and one for the page's rows, however many match."""
    many_candidates(district, [school, other_school], 10, prefix="Garcia")
    many_candidates(district, [school], 50, prefix="Lopez")
    assert_flat_query_count(
        client_for(cast["admin"]),
        f"{URL}?q=garc",
        lambda: many_candidates(district, [school, other_school], 890, prefix="Garcias"),
        budget=11,
    )


def test_the_filtered_list_makes_as_many_queries_with_a_school_box_as_with_a_select(
    cast, client_for, district, school, other_school
):
    """Up to picker.SHORT schools the filter is a <select>, above it a search box showing the
    chosen school's name: the box takes the name the filter found, so no query more."""
    many_candidates(district, [school, other_school], 10, prefix="Few")
    for n in range(20 - School.objects.filter(district=district).count()):
        School.objects.create(district=district, name=f"Extra School {n:02d}")
    assert School.objects.filter(district=district).count() == 20 <= picker.SHORT < 40
    url = f"{URL}?stage={Stage.IDENTIFIED}&school={other_school.pk}&sort=-updated"

    def past_the_crossover():
        for n in range(20):
            School.objects.create(district=district, name=f"More School {n:02d}")

    response = assert_flat_query_count(
        client_for(cast["admin"]), url, past_the_crossover, budget=12
    )
    body = response.content.decode()
    assert 'type="search"' in body and f'value="{other_school.name}"' in body


def test_it_filters_a_principals_list_by_shared_ratings_only(cast, client_for, district, school):
    _, attribute, prompt = framework(district)
    person = candidate(district, school, "Private Rater")
    rate(person.user, district, prompt, 4)
    query = {"attribute": attribute.pk, "at_least": 1}
    assert "Private Rater" not in client_for(cast["principal"]).get(URL, query).content.decode()
    assert "Private Rater" in client_for(cast["admin"]).get(URL, query).content.decode()


def test_it_shrugs_off_nonsense_in_the_query_string(cast, client_for, district, school):
    candidate(district, school, "Steady Person")
    client = client_for(cast["admin"])
    for query in (
        {"school": "abc"},
        {"attribute": "999", "at_least": "9"},
        {"sort": "password"},
        {"page": "999"},
        {"stage": "promoted"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 200, query
        assert "Steady Person" in response.content.decode()


def test_it_offers_every_school_and_keeps_the_chosen_one(
    cast, client_for, district, school, other_school
):
    other_school.name = "Oak & <Elm>"
    other_school.save(update_fields=["name"])
    body = client_for(cast["admin"]).get(URL, {"school": other_school.pk}).content.decode()
    assert f'<option value="{school.pk}">{school.name}</option>' in body
    assert f'<option value="{other_school.pk}" selected>Oak &amp; &lt;Elm&gt;</option>' in body
    assert 'name="school"' in body and 'id="id_school"' in body
