import pytest

from leadership.tests.helpers import assert_flat_query_count
from pipeline.models import Candidate, Stage


def test_it_requires_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.parametrize(
    ("who", "heading"),
    [
        ("admin", "District leadership pipeline"),
        ("principal", "Your school's bench"),
        ("teacher", "Your leadership work"),
        ("coach", "Your coaching"),
    ],
)
def test_it_greets_each_role_with_its_own_home(cast, client_for, who, heading):
    body = client_for(cast[who]).get("/").content.decode()
    assert heading in body


def test_it_shows_the_admin_an_empty_state_before_anybody_is_in_the_pipeline(cast, client_for):
    body = client_for(cast["admin"]).get("/").content.decode()
    assert "Nobody is in the leadership pipeline yet" in body


def test_it_counts_only_the_districts_own_candidates(cast, client_for, district, other_district):
    Candidate.objects.create(district=district, user=cast["teacher"], stage=Stage.READY_NOW)
    Candidate.objects.create(district=other_district, user=cast["outsider"], stage=Stage.PLACED)
    body = client_for(cast["admin"]).get("/").content.decode()
    assert "Ready now" in body
    assert "Placed" not in body


def test_it_tells_a_person_without_a_district_what_will_appear(client_for, db):
    from leadership.models import User

    lonely = User.objects.create_user(email="new@x.test", password="x", full_name="New Person")
    body = client_for(lonely).get("/").content.decode()
    assert "You are not part of a district yet" in body


def test_it_keeps_the_admin_home_query_count_flat(cast, client_for, district, school):
    """The pipeline summary is one aggregate, whatever the number of candidates."""
    from conftest import make_person
    from leadership.models import Role

    def grow():
        for i in range(15):
            person = make_person(f"p{i}@maple.test", f"P {i}", district, Role.TEACHER, school)
            Candidate.objects.create(district=district, user=person, stage=list(Stage)[i % 6])

    # 20: growth plans and mentoring (issue 19) add three, one's plan, the plans waiting for
    # one's review and one's mentoring pairs.
    assert_flat_query_count(client_for(cast["admin"]), "/", grow, budget=20)
