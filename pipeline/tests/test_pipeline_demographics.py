from pipeline.models import Demographics

URL = "/about-me/"


def test_it_lets_a_person_share_and_change_their_answers(cast, client_for):
    client = client_for(cast["teacher"])
    assert "Prefer not to say" in client.get(URL).content.decode()
    response = client.post(URL, {"gender": "woman", "race_ethnicity": ""}, follow=True)
    assert "Your answers are saved" in response.content.decode()
    mine = Demographics.objects.get(user=cast["teacher"])
    assert (mine.gender, mine.race_ethnicity) == ("woman", "")
    client.post(URL, {"gender": "prefer_not", "race_ethnicity": "asian"})
    mine.refresh_from_db()
    assert (mine.gender, mine.race_ethnicity) == ("prefer_not", "asian")
    assert Demographics.objects.count() == 1


def test_it_refuses_an_unknown_answer(cast, client_for):
    client_for(cast["teacher"]).post(URL, {"gender": "robot"})
    assert not Demographics.objects.exists()


def test_it_requires_sign_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
