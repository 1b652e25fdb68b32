import pytest

from api.tests.api_data import ApiClient, token
from api.tests.world import both


@pytest.fixture
def world(cast, district, school, other_district):
    """(ours, theirs): a full world in the cast's district and in the outsider's."""
    return both(cast, district, school, other_district)


@pytest.fixture
def api_for(district_admin):
    """`api_for(scopes)`: an ApiClient with a new token of the cast's district."""

    def make(scopes=None, admin=None):
        kwargs = {} if scopes is None else {"scopes": scopes}
        _, secret = token(admin or district_admin, **kwargs)
        return ApiClient(secret)

    return make
