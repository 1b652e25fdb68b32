"""/reflections/ lists my own reflections."""

from django.urls import reverse

from leadership.tests.helpers import assert_flat_query_count
from portrait.tests.factories import prompt_for, reflection_by


def test_it_requires_sign_in(client, db):
    response = client.get(reverse("portrait:reflection_list"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_lists_mine_and_nobody_elses(teacher, other_teacher, client_for):
    reflection_by(teacher, response="Our grade team planned the unit together.")
    reflection_by(other_teacher, response="Somebody else's private words.")

    page = client_for(teacher).get(reverse("portrait:reflection_list")).content.decode()

    assert "Collaboration" in page
    assert "Somebody else" not in page


def test_it_keeps_the_query_count_flat(teacher, client_for):
    """A teacher with a year of reflections must not cost a query per reflection."""
    reflection_by(teacher)

    def grow():
        for slug in ["advocacy", "authenticity", "transformation", "collaboration"]:
            for _ in range(3):
                reflection_by(teacher, prompt=prompt_for(teacher, slug))

    url = reverse("portrait:reflection_list")
    assert_flat_query_count(client_for(teacher), url, grow, budget=8)
