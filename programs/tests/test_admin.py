"""Django's admin lists every programs model for a superuser."""

import pytest

from leadership.models import User


@pytest.mark.parametrize(
    "model",
    [
        "nomination",
        "program",
        "cohort",
        "enrollment",
        "session",
        "assignment",
        "nominationwindow",
        "attendance",
    ],
)
def test_it_lists_each_model_for_a_superuser(client_for, db, model):
    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    response = client_for(root).get(f"/admin/programs/{model}/")
    assert response.status_code == 200


def test_a_nomination_shows_its_evidence_and_opens_in_the_app(
    client_for, principal, teacher, nominate, attributes
):
    from programs.tests.conftest import seen

    words = "Led the grade 7 data team through a hard spring"
    nomination = nominate(principal, teacher, evidence=seen(attributes[:1], words))
    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    client = client_for(root)
    listing = client.get("/admin/programs/nomination/").content.decode()
    assert f'href="/nominations/{nomination.pk}/"' in listing
    page = client.get(f"/admin/programs/nomination/{nomination.pk}/change/").content.decode()
    assert words in page
    assert attributes[0].name in page
