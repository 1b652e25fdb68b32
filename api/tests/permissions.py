"""URL-permission rows for the API (issue 17); see leadership/tests/permission_table.py.

The API takes tokens only: a browser's session, signed in or not, gets 401 from every
endpoint. Its schema and documentation are public. The token pages are the district
admins': 403 for everybody else in the district, 404 for another district's token."""

from django.urls import reverse

from api.tests.api_data import token
from leadership.tests.permission_table import Row


def objects(cast):
    made, _ = token(cast["admin"])
    return {"token": made}


def api(name, *args):
    return Row(lambda o: reverse(f"api:{name}", args=args), default=401, anonymous=401)


ROWS = {
    "api:token_list": Row(
        lambda o: reverse("api:token_list"), default=403, expect={"admin": 200, "outsider": 200}
    ),
    "api:token_detail": Row(
        lambda o: reverse("api:token_detail", args=[o["token"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "api:token_revoke": Row(
        lambda o: reverse("api:token_revoke", args=[o["token"].pk]), default=405, anonymous=405
    ),
    "api:schema": Row(lambda o: reverse("api:schema"), anonymous=200),
    "api:docs": Row(lambda o: reverse("api:docs"), anonymous=200),
    "api:figures": api("figures"),
    "api:openings": api("openings"),
    "api:no_endpoint": Row(lambda o: "/api/v1/nothing-here/", default=401, anonymous=401),
    "api:candidate-changes": api("candidate-changes", 1),
    "api:case_package": api("case_package", "0f8e2a3c-5b7d-4e1f-9a2b-3c4d5e6f7a8b"),
    "api:role-term-end": api("role-term-end", 1),
}
for _basename in [
    "school",
    "person",
    "membership",
    "candidate",
    "candidate-change",
    "program",
    "cohort",
    "enrollment",
    "attendance",
    "nomination",
    "opportunity",
    "application",
    "experience",
    "position-kind",
    "position",
    "role-term",
    "slate",
]:
    ROWS[f"api:{_basename}-list"] = api(f"{_basename}-list")
    ROWS[f"api:{_basename}-detail"] = api(f"{_basename}-detail", 1)
