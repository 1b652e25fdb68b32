"""/reflections/: a coach filters the reflections of the people they coach by person and by
"waiting for feedback"."""

from django.urls import reverse

from leadership.tests.helpers import assert_flat_query_count
from portrait.models import Feedback
from portrait.tests.factories import assign, prompt_for, reflection_by

URL = reverse("portrait:reflection_list")


def _coached_section(page):
    return page.split('id="coached-heading"', 1)[1]


def _two_people(coach, teacher, other_teacher):
    assign(coach, teacher)
    assign(coach, other_teacher)
    answered = reflection_by(teacher, response="Tom's answered one")
    Feedback.objects.create(reflection=answered, author=coach, text="Good start.")
    reflection_by(teacher, prompt=prompt_for(teacher, "advocacy"), response="Tom's waiting one")
    reflection_by(other_teacher, prompt=prompt_for(other_teacher, "transformation"))


def test_it_lists_every_coached_reflection_without_a_filter(
    coach, teacher, other_teacher, client_for
):
    _two_people(coach, teacher, other_teacher)

    section = _coached_section(client_for(coach).get(URL).content.decode())

    assert section.count("Tom Teacher</a>") == 2
    assert section.count("Olga Otherteacher</a>") == 1
    assert 'id="id_person"' in section
    assert "Only those waiting for feedback" in section


def test_it_filters_by_person(coach, teacher, other_teacher, client_for):
    _two_people(coach, teacher, other_teacher)

    section = _coached_section(
        client_for(coach).get(URL, {"person": other_teacher.pk}).content.decode()
    )

    assert "Olga Otherteacher</a>" in section
    assert "Tom Teacher</a>" not in section
    assert f'<option value="{other_teacher.pk}" selected>' in section


def test_it_filters_by_waiting_for_feedback(coach, teacher, other_teacher, client_for):
    _two_people(coach, teacher, other_teacher)

    section = _coached_section(client_for(coach).get(URL, {"waiting": "on"}).content.decode())

    assert "Advocacy" in section and "Transformation" in section
    assert "Collaboration" not in section
    assert section.count("Waiting</span>") == 2


def test_it_combines_both_filters(coach, teacher, other_teacher, client_for):
    _two_people(coach, teacher, other_teacher)

    section = _coached_section(
        client_for(coach).get(URL, {"person": teacher.pk, "waiting": "on"}).content.decode()
    )

    assert section.count("Tom Teacher</a>") == 1
    assert "Advocacy" in section
    assert "Olga Otherteacher</a>" not in section


def test_it_says_when_nothing_matches(coach, teacher, client_for):
    assign(coach, teacher)
    answered = reflection_by(teacher)
    Feedback.objects.create(reflection=answered, author=coach, text="Good start.")

    page = client_for(coach).get(URL, {"waiting": "on"}).content.decode()

    assert "No reflection matches this filter." in page


def test_it_refuses_a_person_they_do_not_coach_and_shows_their_own_list(
    coach, teacher, other_teacher, client_for
):
    assign(coach, teacher)
    reflection_by(teacher, response="Tom's")
    reflection_by(other_teacher, response="Olga's private words")

    for value in [other_teacher.pk, "abc", "1 OR 1=1"]:
        response = client_for(coach).get(URL, {"person": value})
        page = response.content.decode()
        assert response.status_code == 200
        assert "That is not somebody you coach, so nothing is filtered." in page
        assert 'aria-invalid="true"' in page
        assert "Tom Teacher</a>" in _coached_section(page)
        assert "Olga" not in page


def test_it_offers_only_the_people_they_coach(coach, teacher, other_teacher, client_for):
    assign(coach, teacher)

    section = _coached_section(client_for(coach).get(URL).content.decode())

    assert f'<option value="{teacher.pk}">Tom Teacher</option>' in section
    assert "Olga" not in section


def test_it_shows_no_coached_section_to_people_who_coach_nobody(teacher, client_for):
    reflection_by(teacher)

    page = client_for(teacher).get(URL, {"person": teacher.pk}).content.decode()

    assert 'id="coached-heading"' not in page


def test_it_keeps_the_query_count_flat_for_a_coach(coach, teacher, other_teacher, client_for):
    """A coach of many people must not cost a query per person or per reflection."""
    assign(coach, teacher)
    reflection_by(teacher)

    def grow():
        assign(coach, other_teacher)
        for slug in ["advocacy", "authenticity", "transformation"]:
            reflection_by(teacher, prompt=prompt_for(teacher, slug))
            reflection_by(other_teacher, prompt=prompt_for(other_teacher, slug))

    url = f"{URL}?person={teacher.pk}&waiting=on"
    assert_flat_query_count(client_for(coach), url, grow, budget=9)
