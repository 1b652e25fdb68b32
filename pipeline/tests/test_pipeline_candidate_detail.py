from pipeline.models import Readiness, Stage
from pipeline.services import candidate_change
from pipeline.tests.pipeline_data import candidate, framework, rate


def url(c):
    return f"/pipeline/candidates/{c.pk}/"


def test_it_shows_the_person_their_history_and_ratings(cast, client_for, district, school):
    person = candidate(district, school, "Hugo History", sponsor=cast["principal"])
    _, attribute, prompt = framework(district)
    rate(person.user, district, prompt, 2)
    candidate_change(
        candidate=person,
        actor=cast["admin"],
        stage=Stage.NOMINATED,
        readiness=Readiness.NOT_ASSESSED,
        note="Put forward by the principal",
    )
    body = client_for(cast["admin"]).get(url(person)).content.decode()
    assert "Hugo History" in body
    assert "Paula Principal" in body  # the sponsor
    assert "Identified → Nominated" in body
    assert "Put forward by the principal" in body
    assert "Empathy" in body and "Developing" in body
    assert "Save the change" in body


def test_it_lets_the_principal_read_but_not_change(cast, client_for, district, school):
    person = candidate(district, school, "Pia Principalview")
    body = client_for(cast["principal"]).get(url(person)).content.decode()
    assert "Pia Principalview" in body
    assert "Save the change" not in body


def test_it_hides_another_schools_candidate_from_a_principal(
    cast, client_for, district, other_school
):
    person = candidate(district, other_school, "Elsewhere Person")
    assert client_for(cast["principal"]).get(url(person)).status_code == 403


def test_it_hides_the_candidate_from_other_districts(cast, client_for, district, school):
    person = candidate(district, school, "Hidden Person")
    assert client_for(cast["outsider"]).get(url(person)).status_code == 404


def test_it_refuses_teachers(cast, client_for, district, school):
    person = candidate(district, school, "Teacher Cannot")
    assert client_for(cast["teacher"]).get(url(person)).status_code == 403


def test_it_requires_sign_in(client, district, school):
    person = candidate(district, school, "Anon Cannot")
    assert client.get(url(person))["Location"].startswith("/accounts/login/")


def test_it_shows_a_principal_only_ratings_shared_with_them(cast, client_for, district, school):
    person = candidate(district, school, "Sally Shared")
    _, attribute, prompt = framework(district)
    rate(person.user, district, prompt, 4)
    client = client_for(cast["principal"])
    body = client.get(url(person)).content.decode()
    assert "Leading" not in body
    assert "Rated in reflections not shared with you" in body
    assert "Leading" in client_for(cast["admin"]).get(url(person)).content.decode()


def test_it_makes_the_same_number_of_queries_for_a_short_and_a_long_history(
    cast, client_for, district, school
):
    """History, ratings and sections are joined or aggregated, never fetched row by row."""
    from leadership.tests.helpers import assert_flat_query_count
    from pipeline.models import CandidateChange

    person = candidate(district, school, "Lena Longhistory")
    _, attribute, prompt = framework(district)
    rate(person.user, district, prompt, 1)

    def grow():
        CandidateChange.objects.bulk_create(
            CandidateChange(
                candidate=person,
                field="stage",
                old_value="identified",
                new_value="nominated",
                note=f"Change {i}",
                changed_by=cast["admin"] if i % 2 else cast["principal"],
            )
            for i in range(40)
        )
        for days in range(2, 12):
            rate(person.user, district, prompt, 2, days_ago=days)

    # 19: the leadership positions section (issue 15) reads the role history and the slates.
    assert_flat_query_count(client_for(cast["admin"]), url(person), grow, budget=19)
