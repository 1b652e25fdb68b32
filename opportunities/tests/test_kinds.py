from opportunities.models import OpportunityKind

URL = "/opportunities/kinds/"


def test_it_lists_the_seeded_kinds(cast, client_for):
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "Visioning team" in body
    assert "Mentoring a new teacher" in body


def test_it_adds_a_kind(cast, client_for, district):
    client_for(cast["admin"]).post(URL, {"name": "  Family  engagement night "})
    assert OpportunityKind.objects.filter(district=district, name="Family engagement night")


def test_it_refuses_a_duplicate_name(cast, client_for, district):
    client = client_for(cast["admin"])
    client.get(URL)
    before = OpportunityKind.objects.count()
    response = client.post(URL, {"name": "visioning TEAM"})
    assert "already has a kind with that name" in response.content.decode()
    assert OpportunityKind.objects.count() == before


def test_it_refuses_principals(cast, client_for):
    assert client_for(cast["principal"]).get(URL).status_code == 403
    assert client_for(cast["principal"]).post(URL, {"name": "Mine"}).status_code == 403


def test_it_puts_a_kind_away_and_back(cast, client_for, kind):
    client = client_for(cast["admin"])
    response = client.post(f"/opportunities/kinds/{kind.pk}/toggle/", follow=True)
    assert "is put away" in response.content.decode()
    kind.refresh_from_db()
    assert kind.is_archived
    body = client.get("/opportunities/new/").content.decode()
    assert "Curriculum-review committee" not in body
    client.post(f"/opportunities/kinds/{kind.pk}/toggle/")
    kind.refresh_from_db()
    assert not kind.is_archived


def test_it_hides_kinds_of_another_district(cast, client_for, kind):
    assert (
        client_for(cast["outsider"]).post(f"/opportunities/kinds/{kind.pk}/toggle/").status_code
        == 404
    )
    assert (
        client_for(cast["teacher"]).post(f"/opportunities/kinds/{kind.pk}/toggle/").status_code
        == 403
    )


def test_it_renames_a_kind_keeping_names_unique(cast, client_for, kind, district):
    OpportunityKind.objects.create(district=district, name="Mentoring")
    url = f"/opportunities/kinds/{kind.pk}/rename/"
    client = client_for(cast["admin"])
    response = client.post(url, {"name": "mentoring"}, follow=True)
    assert "already has a kind with that name" in response.content.decode()
    kind.refresh_from_db()
    assert kind.name == "Curriculum-review committee"
    response = client.post(url, {"name": "Curriculum review"}, follow=True)
    assert "is now called “Curriculum review”" in response.content.decode()
    kind.refresh_from_db()
    assert kind.name == "Curriculum review"
    assert client_for(cast["principal"]).post(url, {"name": "X"}).status_code == 403
    assert client_for(cast["outsider"]).post(url, {"name": "X"}).status_code == 404
