"""What a token lets in: 401 without one that works (none, malformed, unknown, revoked,
expired, its admin no longer an admin), 403 without the scope, 429 past the rate; every
request logged with its token and its last use shown."""

import datetime

from django.utils import timezone

from api.models import ApiRequest, ApiToken
from api.tests.api_data import ApiClient, token
from leadership.models import Membership, Role


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


def test_it_refuses_a_request_without_a_token(db):
    response = ApiClient().get("/api/v1/candidates/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    error = error_of(response)
    assert error["code"] == "not_authenticated"
    assert "Authorization: Bearer" in error["message"]


def test_it_refuses_a_malformed_or_unknown_token(district_admin):
    made, secret = token(district_admin)
    for header in ["Basic abc", "Bearer ", f"Bearer {secret}x", "Bearer dbk_nope_nope", "Token x"]:
        client = ApiClient()
        client.headers = {"Authorization": header}
        response = client.get("/api/v1/candidates/")
        assert response.status_code == 401, header
        assert error_of(response)["code"] == "authentication_failed"


def test_it_keeps_only_a_hash_of_the_secret(district_admin):
    made, secret = token(district_admin)
    stored = ApiToken.objects.get(pk=made.pk)
    assert secret.startswith(f"dbk_{stored.prefix}_")
    assert secret.split("_", 2)[2] not in str(stored.__dict__)
    assert len(stored.secret_sha256) == 64


def test_it_refuses_a_revoked_token(district_admin):
    made, secret = token(district_admin)
    made.revoked_at = timezone.now()
    made.save()
    response = ApiClient(secret).get("/api/v1/candidates/")
    assert response.status_code == 401
    assert "revoked" in error_of(response)["message"]


def test_it_refuses_an_expired_token(district_admin):
    made, secret = token(district_admin)
    made.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    made.save()
    response = ApiClient(secret).get("/api/v1/candidates/")
    assert response.status_code == 401
    assert "expired" in error_of(response)["message"]


def test_it_stops_a_token_whose_admin_is_no_longer_one(district_admin):
    _, secret = token(district_admin)
    Membership.objects.filter(user=district_admin, role=Role.DISTRICT_ADMIN).update(is_active=False)
    response = ApiClient(secret).get("/api/v1/candidates/")
    assert response.status_code == 401
    assert "no longer a district administrator" in error_of(response)["message"]


def test_it_refuses_a_token_without_the_scope(district_admin):
    _, secret = token(district_admin, ["read:people"])
    response = ApiClient(secret).get("/api/v1/candidates/")
    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "permission_denied"
    assert "read:pipeline" in error["message"]


def test_it_logs_every_request_and_shows_the_last_use(district_admin):
    made, secret = token(district_admin, ["read:people"])
    client = ApiClient(secret)
    client.get("/api/v1/schools/")
    client.get("/api/v1/candidates/")
    ApiClient().get("/api/v1/schools/")
    rows = list(ApiRequest.objects.order_by("id").values_list("token", "method", "path", "status"))
    assert rows == [
        (made.pk, "GET", "/api/v1/schools/", 200),
        (made.pk, "GET", "/api/v1/candidates/", 403),
        (None, "GET", "/api/v1/schools/", 401),
    ]
    made.refresh_from_db()
    assert made.last_used_at is not None


def test_it_limits_the_rate_per_token(district_admin, settings):
    settings.API_RATE_PER_MINUTE = 3
    _, secret = token(district_admin, ["read:people"])
    _, other = token(district_admin, ["read:people"], name="Power BI")
    client = ApiClient(secret)
    answers = [client.get("/api/v1/schools/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/schools/")
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert error_of(refused)["code"] == "throttled"
    assert ApiRequest.objects.filter(status=429).count() == 2
    assert ApiClient(other).get("/api/v1/schools/").status_code == 200


def test_it_answers_json_for_an_unknown_address_and_method(district_admin):
    _, secret = token(district_admin)
    client = ApiClient(secret)
    missing = client.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404
    assert "/api/v1/docs/" in error_of(missing)["message"]
    wrong = client.client.delete("/api/v1/schools/", headers=client.headers)
    assert wrong.status_code == 405
    assert error_of(wrong)["code"] == "method_not_allowed"


def test_it_serves_its_schema_and_documentation(db):
    schema = ApiClient().get("/api/v1/schema/", format="json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/candidates/" in document["paths"]
    assert document["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    docs = ApiClient().get("/api/v1/docs/")
    assert b"drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs.content
    assert b"<script>" not in docs.content  # nothing inline: the CSP allows only our files
