"""/experience/ shows my leadership record."""

import datetime

from django.urls import reverse

from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import ExperienceEntry


def _entry(person, district, title):
    return ExperienceEntry.objects.create(
        district=district,
        person=person,
        title=title,
        started_on=datetime.date(2025, 9, 1),
        ended_on=datetime.date(2026, 6, 1),
        source=ExperienceEntry.Source.OUTSIDE,
    )


def test_it_requires_sign_in(client, db):
    response = client.get(reverse("opportunities:experience_list"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_my_record_and_nobody_elses(teacher, other_teacher, district, client_for):
    _entry(teacher, district, "Led the grade 6 science team")
    _entry(other_teacher, district, "Chaired the curriculum review")

    page = client_for(teacher).get(reverse("opportunities:experience_list")).content.decode()

    assert "Led the grade 6 science team" in page
    assert "Chaired the curriculum review" not in page


def test_it_keeps_the_query_count_flat(teacher, district, client_for):
    """A long record must not cost a query per line."""
    _entry(teacher, district, "Mentored a new teacher")

    def grow():
        for number in range(10):
            _entry(teacher, district, f"School improvement project {number}")

    url = reverse("opportunities:experience_list")
    assert_flat_query_count(client_for(teacher), url, grow, budget=10)
