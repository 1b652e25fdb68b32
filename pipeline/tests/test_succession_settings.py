"""/succession/settings/: whether principal supervisors see succession, and whom they
supervise. District admins only; every change audited."""

import pytest

from leadership.access import memberships
from leadership.models import AuditEvent
from pipeline.succession.access import may_open_succession
from pipeline.succession.models import SchoolSupervisor, SuccessionSetting

URL = "/succession/settings/"


def test_an_admin_lets_supervisors_see_and_names_one(cast, client_for, district, school):
    client = client_for(cast["admin"])
    assert "Principal supervisors" in client.get(URL).content.decode()
    client.post(URL, {"supervisors_see_succession": "on"})
    assert SuccessionSetting.objects.get(district=district).supervisors_see_succession
    response = client.post(
        "/succession/settings/supervisors/add/",
        {"email": cast["coach"].email.upper(), "school": school.pk},
    )
    assert response["Location"] == URL
    supervision = SchoolSupervisor.objects.get()
    assert (supervision.supervisor, supervision.school) == (cast["coach"], school)
    again = client.post(
        "/succession/settings/supervisors/add/", {"email": cast["coach"].email, "school": school.pk}
    )
    assert "already supervises" in client.get(again["Location"]).content.decode()
    client.post(f"/succession/settings/supervisors/{supervision.pk}/remove/")
    assert not SchoolSupervisor.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"succession_setting.update", "supervisor.add", "supervisor.remove"} <= actions


def test_a_supervisor_must_be_on_the_districts_roster(cast, client_for, school, outsider):
    client = client_for(cast["admin"])
    response = client.post(
        "/succession/settings/supervisors/add/", {"email": outsider.email, "school": school.pk}
    )
    assert "Nobody on the district" in client.get(response["Location"]).content.decode()
    assert not SchoolSupervisor.objects.exists()


def test_a_school_of_another_district_is_refused(cast, client_for, other_district):
    other = other_district.schools.create(name="Cedar Falls Elementary")
    client = client_for(cast["admin"])
    client.post(
        "/succession/settings/supervisors/add/", {"email": cast["coach"].email, "school": other.pk}
    )
    assert not SchoolSupervisor.objects.exists()


@pytest.mark.parametrize("who", ["principal", "teacher", "coach"])
def test_only_admins_change_who_sees(cast, client_for, district, school, who):
    client = client_for(cast[who])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"supervisors_see_succession": "on"}).status_code == 403
    data = {"email": cast[who].email, "school": school.pk}
    assert client.post("/succession/settings/supervisors/add/", data).status_code == 403
    assert not SuccessionSetting.objects.filter(supervisors_see_succession=True).exists()


def test_another_districts_admin_cannot_remove_ours(cast, client_for, district, school):
    supervision = SchoolSupervisor.objects.create(
        district=district, supervisor=cast["coach"], school=school
    )
    path = f"/succession/settings/supervisors/{supervision.pk}/remove/"
    assert client_for(cast["outsider"]).post(path).status_code == 404
    assert client_for(cast["principal"]).post(path).status_code == 403
    assert client_for(cast["admin"]).get(path).status_code == 405
    assert SchoolSupervisor.objects.exists()


LINK = '<a class="dropdown-item" href="/succession/">Succession</a>'


def test_the_menu_links_succession_for_exactly_those_who_may_open_it(
    cast, client_for, district, school
):
    """A principal supervisor gets the menu link when the district lets supervisors see
    succession, and the page opens; with it off, neither. A plain principal never."""
    SchoolSupervisor.objects.create(district=district, supervisor=cast["coach"], school=school)
    setting = SuccessionSetting.objects.create(district=district)
    client = client_for(cast["coach"])
    assert LINK not in client.get("/").content.decode()
    assert client.get("/succession/").status_code == 403
    setting.supervisors_see_succession = True
    setting.save()
    assert LINK in client.get("/").content.decode()
    response = client.get("/succession/")
    assert response.status_code == 200 and LINK in response.content.decode()
    principal = client_for(cast["principal"])
    home = principal.get("/").content.decode()
    assert "Candidates</a>" in home and LINK not in home
    assert principal.get("/succession/").status_code == 403
    assert LINK in client_for(cast["admin"]).get("/").content.decode()
    assert LINK not in client_for(cast["teacher"]).get("/").content.decode()


def test_the_menu_asks_no_query_of_its_own(cast, district, school, django_assert_num_queries):
    """Whether to show the link is read with the user's memberships, which every page reads."""
    SchoolSupervisor.objects.create(district=district, supervisor=cast["coach"], school=school)
    SuccessionSetting.objects.create(district=district, supervisors_see_succession=True)
    for who, expected in (("coach", True), ("principal", False), ("admin", True)):
        user = cast[who]
        memberships(user)
        with django_assert_num_queries(0):
            assert may_open_succession(user) is expected
