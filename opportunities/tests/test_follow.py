from opportunities.models import Follow


def test_it_saves_what_a_person_follows(cast, client_for, kind, attributes):
    client = client_for(cast["teacher"])
    client.post("/opportunities/follow/", {"kinds": [kind.pk], "attributes": [attributes[0].pk]})
    follow = Follow.objects.get(person=cast["teacher"])
    assert list(follow.kinds.all()) == [kind]
    assert list(follow.attributes.all()) == [attributes[0]]
    body = client.get("/opportunities/follow/").content.decode()
    assert "checked" in body


def test_it_refuses_a_kind_of_another_district(cast, client_for, kind):
    response = client_for(cast["outsider"]).post("/opportunities/follow/", {"kinds": [kind.pk]})
    assert "Select a valid choice" in response.content.decode()
    assert not Follow.objects.exists()
