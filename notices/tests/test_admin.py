"""Django's admin lists the outbox and notifications for a superuser (where a stuck email is
found and retried)."""

import pytest

from leadership.models import User


@pytest.mark.parametrize("model", ["outbox", "notification"])
def test_it_lists_each_model_for_a_superuser(client_for, db, model):
    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    response = client_for(root).get(f"/admin/notices/{model}/")
    assert response.status_code == 200
