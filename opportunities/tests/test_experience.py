import datetime

from django.utils import timezone

from leadership.models import AuditEvent
from leadership.tests.confirming import confirm
from opportunities.models import ExperienceEntry
from opportunities.tests.conftest import sent

LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _record_url(opportunity):
    return f"/opportunities/{opportunity.pk}/experience/"


def _data(**changes):
    data = {
        "started_on": LAST_MONTH.isoformat(),
        "ended_on": YESTERDAY.isoformat(),
        "summary": "We rewrote two units; I learned to run a meeting that ends on time.",
    }
    data.update(changes)
    return data


def test_it_records_the_experience_of_a_selected_person(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    client = client_for(cast["teacher"])
    response = client.post(_record_url(opportunity), _data(), follow=True)
    body = response.content.decode()
    assert "is on your leadership record" in body
    assert "Review the grade 7 science units" in body
    entry = ExperienceEntry.objects.get()
    assert entry.source == "opportunity"
    assert entry.kind == "Curriculum-review committee"
    assert entry.ended_on == YESTERDAY
    assert "run a meeting" in entry.summary
    assert AuditEvent.objects.filter(action="experience.record").exists()
    assert "Review the grade 7 science units" in client.get("/").content.decode()


def test_it_records_it_only_once(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    client = client_for(cast["teacher"])
    client.post(_record_url(opportunity), _data())
    response = client.post(_record_url(opportunity), _data(), follow=True)
    assert "already on your leadership record" in response.content.decode()
    assert ExperienceEntry.objects.count() == 1


def test_it_refuses_people_who_were_not_selected(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="submitted")
    response = client_for(cast["teacher"]).post(_record_url(opportunity), _data())
    assert response.status_code == 403
    assert not ExperienceEntry.objects.exists()


def test_it_hides_other_districts(cast, client_for, opportunity):
    assert client_for(cast["outsider"]).get(_record_url(opportunity)).status_code == 404


def test_it_refuses_an_end_before_the_start(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    response = client_for(cast["teacher"]).post(
        _record_url(opportunity),
        _data(started_on=YESTERDAY.isoformat(), ended_on=LAST_MONTH.isoformat()),
    )
    assert "The end date is before the start date." in response.content.decode()
    assert not ExperienceEntry.objects.exists()


def test_it_refuses_an_end_in_the_future(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(cast["teacher"]).post(
        _record_url(opportunity), _data(ended_on=tomorrow.isoformat())
    )
    assert "Record it once it has ended" in response.content.decode()
    assert not ExperienceEntry.objects.exists()


def _outside(person, **changes):
    data = {
        "person": person.pk,
        "title": "Assistant principal, Oak Ridge",
        "kind": "Building leadership",
        "level": "school",
        "started_on": "2015-08-01",
        "ended_on": "2019-06-30",
        "summary": "",
    }
    data.update(changes)
    return data


def test_it_lets_an_admin_add_outside_experience(cast, client_for):
    response = client_for(cast["admin"]).post("/experience/add/", _outside(cast["teacher"]))
    assert response.status_code == 302
    entry = ExperienceEntry.objects.get()
    assert (entry.person, entry.source, entry.added_by) == (
        cast["teacher"],
        "outside",
        cast["admin"],
    )
    body = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert "Assistant principal, Oak Ridge" in body
    assert "Outside Deep Bench" in body


def test_it_refuses_outside_experience_for_another_districts_person(cast, client_for):
    response = client_for(cast["admin"]).post("/experience/add/", _outside(cast["outsider"]))
    assert "That person is not one you can choose." in response.content.decode()
    assert not ExperienceEntry.objects.exists()


def test_it_refuses_outside_experience_from_a_principal(cast, client_for):
    response = client_for(cast["principal"]).post("/experience/add/", _outside(cast["teacher"]))
    assert response.status_code == 403
    assert not ExperienceEntry.objects.exists()


def test_it_refuses_outside_experience_ending_before_it_starts(cast, client_for):
    data = _outside(cast["teacher"], ended_on="2010-01-01")
    response = client_for(cast["admin"]).post("/experience/add/", data)
    assert "The end date is before the start date." in response.content.decode()
    assert not ExperienceEntry.objects.exists()


def test_it_lets_an_admin_remove_a_line(cast, client_for):
    client_for(cast["admin"]).post("/experience/add/", _outside(cast["teacher"]))
    entry = ExperienceEntry.objects.get()
    url = f"/experience/{entry.pk}/remove/"
    assert client_for(cast["teacher"]).post(url).status_code == 403
    assert client_for(cast["outsider"]).post(url).status_code == 404
    assert client_for(cast["admin"]).get(url).status_code == 405
    page = client_for(cast["admin"]).get("/experience/add/").content.decode()
    assert f'action="{url}"' in page
    first = client_for(cast["admin"]).post(url)
    assert "cannot be brought back" in first.content.decode()
    assert ExperienceEntry.objects.exists()
    confirm(client_for(cast["admin"]), url)
    assert not ExperienceEntry.objects.exists()
    assert AuditEvent.objects.filter(action="experience.remove").exists()


def _with_framework(opportunity, district):
    from portrait.services import framework_copy_default

    framework = framework_copy_default(district=district)
    attributes = list(framework.attributes.filter(slug__in=["collaboration", "advocacy"]))
    opportunity.attributes.set(attributes)
    return {a.slug: a for a in attributes}


def test_it_turns_what_was_learned_into_portrait_reflections(
    cast, client_for, opportunity, district
):
    from portrait.models import Reflection

    attributes = _with_framework(opportunity, district)
    collaboration = attributes["collaboration"]
    sent(opportunity, cast["teacher"], status="selected")
    client = client_for(cast["teacher"])
    form_page = client.get(_record_url(opportunity)).content.decode()
    assert "Collaboration:" in form_page
    data = _data(
        **{
            f"reflection_{collaboration.pk}": "Sharing the agenda early made people speak up.",
            f"rating_{collaboration.pk}": "3",
            "share_with_principal": "on",
        }
    )
    client.post(_record_url(opportunity), data)
    client.post(_record_url(opportunity), data)
    reflection = Reflection.objects.get()
    assert reflection.author == cast["teacher"]
    assert reflection.attribute == collaboration
    assert reflection.status == "submitted"
    assert reflection.self_rating == 3
    assert reflection.shared_with_principal
    entry = ExperienceEntry.objects.get()
    assert list(entry.reflections.all()) == [reflection]
    record = client.get("/experience/").content.decode()
    assert f"/reflections/{reflection.pk}/" in record


def test_the_home_page_shows_the_record_without_reading_what_was_learned(
    cast, client_for, opportunity, district
):
    """Only the record page shows a line's reflections: the home page (and the candidate
    page, the profile and the export) no longer read them, two queries per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    collaboration = _with_framework(opportunity, district)["collaboration"]
    sent(opportunity, cast["teacher"], status="selected")
    client = client_for(cast["teacher"])
    data = _data(
        **{
            f"reflection_{collaboration.pk}": "Short agendas help.",
            f"rating_{collaboration.pk}": "3",
        }
    )
    client.post(_record_url(opportunity), data)
    reflection = ExperienceEntry.objects.get().reflections.get()

    with CaptureQueriesContext(connection) as home:
        page = client.get("/").content.decode()

    assert opportunity.title in page and f"/reflections/{reflection.pk}/" not in page
    assert not [q for q in home.captured_queries if "experienceentry_reflections" in q["sql"]]
    assert f"/reflections/{reflection.pk}/" in client.get("/experience/").content.decode()


def test_it_asks_for_at_least_one_reflection_and_its_rating(
    cast, client_for, opportunity, district
):
    from portrait.models import Reflection

    attributes = _with_framework(opportunity, district)
    sent(opportunity, cast["teacher"], status="selected")
    client = client_for(cast["teacher"])
    response = client.post(_record_url(opportunity), _data())
    assert "Write what you learned about at least one" in response.content.decode()
    advocacy = attributes["advocacy"]
    response = client.post(
        _record_url(opportunity), _data(**{f"reflection_{advocacy.pk}": "Something"})
    )
    assert "Choose where you are now." in response.content.decode()
    assert not ExperienceEntry.objects.exists()
    assert not Reflection.objects.exists()
