"""The page where a district admin makes, sees and revokes tokens."""

from django.urls import reverse

from api.models import ApiToken, hashed
from api.tests.api_data import ApiClient, token
from leadership.models import AuditEvent


def make(client, **fields):
    data = {"name": "HR nightly", "scopes": ["read:people", "write:hr"], "expires_on": "2099-01-01"}
    data.update(fields)
    return client.post(reverse("api:token_list"), data)


def test_it_makes_a_token_and_shows_its_secret_once(client_for, district_admin, district):
    client = client_for(district_admin)
    response = make(client, expires_on="2027-06-30")
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    made = ApiToken.objects.get()
    assert (made.district, made.name) == (district, "HR nightly")
    assert made.scopes == ["read:people", "write:hr"]
    assert made.secret_sha256 == hashed(secret.split("_", 2)[2])
    assert AuditEvent.objects.filter(action="api_token.create", actor=district_admin).exists()
    listing = client.get(reverse("api:token_list")).content.decode()
    assert "HR nightly" in listing and secret not in listing
    assert ApiClient(secret).get("/api/v1/schools/").status_code == 200


def test_it_refuses_bad_input_and_makes_nothing(client_for, district_admin):
    client = client_for(district_admin)
    response = make(client, name="", scopes=[], expires_on="2000-01-01")
    page = response.content.decode()
    assert "Choose at least one thing the token may do." in page
    assert "This day has passed" in page
    assert (
        "write:everything is not one of the available choices"
        in make(client, scopes=["write:everything"]).content.decode()
    )
    assert make(client, expires_on="2999-01-01").status_code == 200
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token_at_once(client_for, district_admin):
    made, secret = token(district_admin)
    client = client_for(district_admin)
    response = client.post(reverse("api:token_revoke", args=[made.pk]))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.revoked_by == district_admin
    assert ApiClient(secret).get("/api/v1/schools/").status_code == 401
    assert "Revoked" in client.get(reverse("api:token_list")).content.decode()
    assert AuditEvent.objects.filter(action="api_token.revoke").exists()


def test_it_shows_a_tokens_requests_and_last_use(client_for, district_admin):
    made, secret = token(district_admin)
    ApiClient(secret).get("/api/v1/schools/")
    page = client_for(district_admin).get(reverse("api:token_detail", args=[made.pk]))
    assert "GET /api/v1/schools/" in page.content.decode()
    listing = client_for(district_admin).get(reverse("api:token_list")).content.decode()
    assert "Never" not in listing


def test_it_hides_another_districts_tokens(client_for, district_admin, outsider):
    made, _ = token(district_admin)
    client = client_for(outsider)
    assert client.get(reverse("api:token_detail", args=[made.pk])).status_code == 404
    assert client.post(reverse("api:token_revoke", args=[made.pk])).status_code == 404
    assert "dbk_" + made.prefix not in client.get(reverse("api:token_list")).content.decode()
    made.refresh_from_db()
    assert made.revoked_at is None


def test_it_refuses_people_who_are_not_district_admins(client_for, district_admin, principal):
    made, _ = token(district_admin)
    client = client_for(principal)
    assert client.get(reverse("api:token_list")).status_code == 403
    assert make(client).status_code == 403
    assert client.post(reverse("api:token_revoke", args=[made.pk])).status_code == 403
    assert ApiToken.objects.count() == 1


def test_it_needs_a_sign_in(client):
    response = client.get(reverse("api:token_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
