"""/pipeline/framework/case/: district admins export and import their framework as CASE."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portrait.models import Framework
from portrait.services import framework_for_district


def test_it_downloads_the_districts_framework(district, district_admin, client_for):
    framework = framework_for_district(district)
    url = reverse("portrait:framework_case_export", args=[framework.pk])

    response = client_for(district_admin).get(url)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    package = json.loads(response.content)
    assert package["CFDocument"]["title"] == framework.name


def test_it_hides_another_districts_framework(district, other_district, outsider, client_for):
    framework = framework_for_district(district)
    url = reverse("portrait:framework_case_export", args=[framework.pk])

    assert client_for(outsider).get(url).status_code == 404


def test_it_refuses_a_teacher(district, teacher, client_for):
    framework = framework_for_district(district)
    url = reverse("portrait:framework_case_export", args=[framework.pk])

    assert client_for(teacher).get(url).status_code == 403
    assert client_for(teacher).get(reverse("portrait:framework_case")).status_code == 403


def test_it_says_what_is_wrong_with_a_bad_file_and_imports_nothing(
    district, district_admin, client_for
):
    before = Framework.objects.count()
    upload = SimpleUploadedFile("framework.json", b"{nope", content_type="application/json")

    response = client_for(district_admin).post(reverse("portrait:framework_case"), {"file": upload})

    assert response.status_code == 200
    assert "not valid JSON" in response.content.decode()
    assert Framework.objects.count() == before
