"""Feedback on a reflection, the dated addendum, and sharing with the principal."""

import pytest
from django.urls import reverse

from leadership.models import AuditEvent
from portrait.forms import ReflectionForm
from portrait.models import Addendum, Feedback, GrowthStep
from portrait.tests.factories import assign, reflection_by


@pytest.fixture
def reflection(teacher, coach):
    assign(coach, teacher)
    return reflection_by(teacher)


def _url(name, reflection):
    return reverse(f"portrait:{name}", args=[reflection.pk])


def test_it_lets_the_assigned_coach_give_feedback(reflection, coach, teacher, client_for):
    response = client_for(coach).post(
        _url("feedback_add", reflection), {"text": "Try a pilot.", "rating": "3"}
    )

    feedback = Feedback.objects.get()
    assert response["Location"] == _url("reflection_detail", reflection)
    assert (feedback.author, feedback.rating) == (coach, GrowthStep.PRACTICING)
    assert AuditEvent.objects.filter(action="reflection.feedback").exists()
    page = client_for(teacher).get(_url("reflection_detail", reflection)).content.decode()
    assert "Try a pilot." in page
    assert "Practicing" in page


def test_it_answers_htmx_with_the_feedback_fragment(reflection, district_admin, client_for):
    response = client_for(district_admin).post(
        _url("feedback_add", reflection), {"text": "Well argued."}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Well argued." in response.content.decode()
    assert "<html" not in response.content.decode()
    assert Feedback.objects.get().rating is None


def test_it_rejects_empty_feedback(reflection, coach, client_for):
    response = client_for(coach).post(_url("feedback_add", reflection), {"text": " "}, follow=True)

    assert "Write your feedback" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("principal", 403), ("teacher", 403), ("outsider", 404)]
)
def test_it_refuses_feedback_from_others(who, status, reflection, cast, client_for):
    response = client_for(cast[who]).post(_url("feedback_add", reflection), {"text": "Hi"})

    assert response.status_code == status
    assert not Feedback.objects.exists()


def test_it_refuses_feedback_on_get(reflection, coach, client_for):
    assert client_for(coach).get(_url("feedback_add", reflection)).status_code == 405


def test_it_refuses_feedback_from_an_unassigned_coach(teacher, coach, client_for):
    reflection = reflection_by(teacher)

    response = client_for(coach).post(_url("feedback_add", reflection), {"text": "Hi"})

    assert response.status_code == 404


def test_it_lets_the_author_add_a_dated_note(reflection, teacher, client_for):
    client_for(teacher).post(_url("addendum_add", reflection), {"text": "A month later..."})

    assert Addendum.objects.get().text == "A month later..."
    reflection.refresh_from_db()
    assert reflection.response == "We met weekly."


def test_it_rejects_an_empty_note(reflection, teacher, client_for):
    response = client_for(teacher).post(_url("addendum_add", reflection), {"text": ""}, follow=True)

    assert "Write the note" in response.content.decode()
    assert not Addendum.objects.exists()


def test_it_lets_only_the_author_add_a_note(reflection, coach, client_for):
    response = client_for(coach).post(_url("addendum_add", reflection), {"text": "Mine"})

    assert response.status_code == 403
    assert not Addendum.objects.exists()


def test_it_shares_with_the_principal_and_stops(reflection, teacher, principal, client_for):
    client_for(teacher).post(_url("reflection_share", reflection), {"shared": "yes"})
    shared = client_for(principal).get(_url("reflection_detail", reflection)).content.decode()
    client_for(teacher).post(_url("reflection_share", reflection), {"shared": "no"})
    unshared = client_for(principal).get(_url("reflection_detail", reflection)).content.decode()

    assert "We met weekly." in shared
    assert "We met weekly." not in unshared


def test_it_lets_only_the_author_share(reflection, principal, client_for):
    response = client_for(principal).post(_url("reflection_share", reflection), {"shared": "yes"})

    reflection.refresh_from_db()
    assert response.status_code == 403
    assert reflection.shared_with_principal is False


def test_it_refuses_evidence_to_the_principal(reflection, principal, client_for):
    response = client_for(principal).get(_url("reflection_evidence", reflection))

    assert response.status_code == 403


def test_it_words_a_coachs_rating_choices_for_rating_somebody_else(reflection, coach, client_for):
    page = client_for(coach).get(_url("reflection_detail", reflection)).content.decode()
    form = page[page.index('name="rating"') :]
    form = form[: form.index("</select>")]
    assert "Emerging — They are noticing this in others" in form
    assert "Leading — They do this reliably" in form
    assert "I am" not in form and "I do" not in form


def test_it_keeps_the_self_rating_in_the_first_person():
    choices = dict(ReflectionForm.base_fields["self_rating"].choices)
    assert choices[GrowthStep.EMERGING].startswith("Emerging — I am noticing this in others")
