from django.urls import reverse

from leadership.models import User
from portrait.tests.factories import reflection_by


def test_it_lists_frameworks_and_hides_reflection_text(client_for, teacher):
    reflection = reflection_by(teacher, response="Private words")
    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    client = client_for(root)

    frameworks = client.get(reverse("admin:portrait_framework_changelist"))
    detail = client.get(reverse("admin:portrait_reflection_change", args=[reflection.pk]))

    assert "Portrait of a Leader" in frameworks.content.decode()
    assert detail.status_code == 200
    assert "Private words" not in detail.content.decode()
