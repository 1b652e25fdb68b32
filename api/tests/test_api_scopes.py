"""The scope matrix: every endpoint answers a token that holds its scope, and 403 to a
token that holds every other scope but that one."""

import pytest

from api.models import Scope
from api.tests.api_data import ApiClient, token

READS = {
    "/api/v1/schools/": Scope.READ_PEOPLE,
    "/api/v1/people/": Scope.READ_PEOPLE,
    "/api/v1/memberships/": Scope.READ_PEOPLE,
    "/api/v1/candidates/": Scope.READ_PIPELINE,
    "/api/v1/candidate-changes/": Scope.READ_PIPELINE,
    "/api/v1/figures/": Scope.READ_PIPELINE,
    "/api/v1/programs/": Scope.READ_PROGRAMS,
    "/api/v1/cohorts/": Scope.READ_PROGRAMS,
    "/api/v1/enrollments/": Scope.READ_PROGRAMS,
    "/api/v1/attendance/": Scope.READ_PROGRAMS,
    "/api/v1/nominations/": Scope.READ_PROGRAMS,
    "/api/v1/opportunities/": Scope.READ_OPPORTUNITIES,
    "/api/v1/applications/": Scope.READ_OPPORTUNITIES,
    "/api/v1/experience/": Scope.READ_OPPORTUNITIES,
    "/api/v1/position-kinds/": Scope.READ_SUCCESSION,
    "/api/v1/positions/": Scope.READ_SUCCESSION,
    "/api/v1/role-terms/": Scope.READ_SUCCESSION,
    "/api/v1/slates/": Scope.READ_SUCCESSION,
    "/api/v1/openings/": Scope.READ_SUCCESSION,
}
WRITES = {
    ("post", "/api/v1/positions/"): Scope.WRITE_HR,
    ("patch", "/api/v1/positions/{position}/"): Scope.WRITE_HR,
    ("post", "/api/v1/role-terms/"): Scope.WRITE_HR,
    ("patch", "/api/v1/role-terms/{term}/"): Scope.WRITE_HR,
    ("post", "/api/v1/role-terms/{term}/end/"): Scope.WRITE_HR,
    ("post", "/api/v1/experience/"): Scope.WRITE_EXPERIENCE,
    ("post", "/api/v1/candidates/{candidate}/changes/"): Scope.WRITE_PIPELINE,
}


def client(admin, scopes):
    return ApiClient(token(admin, scopes)[1])


@pytest.mark.parametrize("path", sorted(READS))
def test_it_reads_with_its_scope_and_no_other(path, district_admin):
    needed = READS[path]
    assert client(district_admin, [needed]).get(path).status_code == 200
    others = [s for s in Scope.values if s != needed]
    refused = client(district_admin, others).get(path)
    assert refused.status_code == 403
    assert needed in refused.json()["error"]["message"]


@pytest.mark.parametrize("method,template", sorted(WRITES))
def test_it_writes_with_its_scope_and_no_other(method, template, world, district_admin):
    ours, _ = world
    needed = WRITES[(method, template)]
    path = template.format(
        position=ours["position"].pk, term=ours["term"].pk, candidate=ours["candidate"].pk
    )
    # An empty body passes the scope and stops at validation (or changes nothing).
    allowed = getattr(client(district_admin, [needed]), method)(path, {})
    assert allowed.status_code in (200, 400), allowed.content
    others = [s for s in Scope.values if s != needed]
    refused = getattr(client(district_admin, others), method)(path, {})
    assert refused.status_code == 403
    assert needed in refused.json()["error"]["message"]
