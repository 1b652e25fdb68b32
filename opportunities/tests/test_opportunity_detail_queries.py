"""An opportunity's page shows its managers how many applied; applications keep coming."""

import pytest

from conftest import make_person
from leadership.models import Role
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Application
from opportunities.tests.conftest import sent


@pytest.mark.parametrize("viewer", ["principal", "admin"])
def test_it_keeps_the_query_count_flat_for_many_applications(
    viewer, cast, client_for, make_opportunity, school, district
):
    """The poster and the district admin must not pay a query per application."""
    opportunity = make_opportunity(school=school, seats=5)
    sent(opportunity, cast["teacher"])
    url = f"/opportunities/{opportunity.pk}/"

    def grow():
        for number in range(12):
            email, name = f"applicant{number}@maple.test", f"Applicant {number}"
            person = make_person(email, name, district, Role.TEACHER, school)
            status = Application.Status.SELECTED if number < 2 else Application.Status.SUBMITTED
            sent(opportunity, person, status=status)
        sent(opportunity, cast["coach"], status=Application.Status.DRAFT)

    response = assert_flat_query_count(client_for(cast[viewer]), url, grow, budget=11)
    assert "13 applied · 2 of 5 seats filled" in response.content.decode()
