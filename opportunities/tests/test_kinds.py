from leadership.models import AuditEvent
from leadership.tests.helpers import assert_flat_query_count
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


def test_it_writes_an_added_kind_to_the_audit_log(cast, client_for, district):
    client_for(cast["admin"]).post(URL, {"name": "  Family  engagement night "})

    kind = OpportunityKind.objects.get(district=district, name="Family engagement night")
    event = AuditEvent.objects.get()
    assert event.district == district
    assert event.actor == cast["admin"]
    assert event.action == "kind.add"
    assert (event.object_type, event.object_id) == ("opportunities.OpportunityKind", str(kind.pk))
    assert event.before is None
    assert event.after == {"name": "Family engagement night"}
    assert "Family engagement night" in event.summary


def test_it_writes_a_rename_to_the_audit_log_with_both_names(cast, client_for, kind, district):
    client_for(cast["admin"]).post(
        f"/opportunities/kinds/{kind.pk}/rename/", {"name": "Curriculum review"}
    )

    event = AuditEvent.objects.get()
    assert event.district == district
    assert event.actor == cast["admin"]
    assert event.action == "kind.rename"
    assert (event.object_type, event.object_id) == ("opportunities.OpportunityKind", str(kind.pk))
    assert event.before == {"name": "Curriculum-review committee"}
    assert event.after == {"name": "Curriculum review"}


def test_it_writes_nothing_to_the_audit_log_for_refused_input(cast, client_for, kind, district):
    OpportunityKind.objects.create(district=district, name="Mentoring")
    admin = client_for(cast["admin"])

    admin.post(URL, {"name": "mentoring"})
    admin.post(URL, {"name": "   "})
    admin.post(f"/opportunities/kinds/{kind.pk}/rename/", {"name": "MENTORING"})
    admin.post(f"/opportunities/kinds/{kind.pk}/rename/", {"name": ""})
    client_for(cast["principal"]).post(URL, {"name": "Mine"})
    client_for(cast["principal"]).post(f"/opportunities/kinds/{kind.pk}/rename/", {"name": "X"})

    assert not AuditEvent.objects.exists()
    kind.refresh_from_db()
    assert kind.name == "Curriculum-review committee"


def test_it_keeps_the_query_count_flat(cast, client_for, district):
    """A district that adds many kinds must not pay a query per kind on its list."""
    client = client_for(cast["admin"])
    client.get(URL)  # the first visit seeds the starting list; count from the second

    def grow():
        OpportunityKind.objects.bulk_create(
            OpportunityKind(district=district, name=f"Committee {number}", order=20 + number)
            for number in range(15)
        )

    response = assert_flat_query_count(client, URL, grow, budget=8)
    assert "Committee 14" in response.content.decode()


def test_it_writes_putting_a_kind_away_and_back_to_the_audit_log(cast, client_for, kind):
    url = f"/opportunities/kinds/{kind.pk}/toggle/"
    client = client_for(cast["admin"])
    client.post(url)
    client.post(url)
    events = list(AuditEvent.objects.order_by("id").values_list("action", "before", "after"))
    assert events == [
        ("kind.archive", {"archived": False}, {"archived": True}),
        ("kind.restore", {"archived": True}, {"archived": False}),
    ]
    assert client_for(cast["principal"]).post(url).status_code == 403
    assert AuditEvent.objects.count() == 2
