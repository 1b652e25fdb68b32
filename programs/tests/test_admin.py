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
