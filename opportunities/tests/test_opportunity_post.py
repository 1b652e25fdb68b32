import datetime

from django.utils import timezone

from leadership.models import AuditEvent
from notices.models import Outbox
from opportunities.models import Opportunity, OpportunityKind

URL = "/opportunities/new/"


def _data(kind, **changes):
    data = {
        "title": "Lead the grade 7 team",
        "kind": kind.pk,
        "description": "Run the team's weekly meeting.",
        "level": "school",
        "time_asked": "One hour a week",
        "seats": 1,
        "closes_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(changes)
    return data


def test_it_lets_a_principal_post_for_their_own_school(
    cast, client_for, kind, school, other_school
):
    response = client_for(cast["principal"]).post(URL, _data(kind, school=other_school.pk))
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert opportunity.school == school
    assert opportunity.posted_by == cast["principal"]
    assert AuditEvent.objects.filter(action="opportunity.post").count() == 1


def test_it_lets_an_admin_post_for_the_whole_district(cast, client_for, kind, attributes):
    data = _data(kind, attributes=[a.pk for a in attributes])
    client_for(cast["admin"]).post(URL, data)
    opportunity = Opportunity.objects.get()
    assert opportunity.school is None
    assert set(opportunity.attributes.all()) == set(attributes)


def test_it_seeds_the_districts_list_of_kinds(cast, client_for, district):
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "Curriculum-review committee" in body
    assert OpportunityKind.objects.filter(district=district).count() == 7


def test_it_refuses_teachers(cast, client_for):
    assert client_for(cast["teacher"]).get(URL).status_code == 403


def test_it_refuses_a_closing_date_in_the_past(cast, client_for, kind):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client_for(cast["principal"]).post(URL, _data(kind, closes_on=yesterday))
    assert "The closing date has already passed" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_it_refuses_zero_seats(cast, client_for, kind):
    response = client_for(cast["principal"]).post(URL, _data(kind, seats=0))
    assert response.status_code == 200
    assert not Opportunity.objects.exists()


def test_it_refuses_a_kind_of_another_district(cast, client_for, other_district):
    foreign = OpportunityKind.objects.create(district=other_district, name="Theirs")
    response = client_for(cast["admin"]).post(URL, _data(foreign))
    assert "Select a valid choice" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_it_tells_followers_in_the_audience_once(
    cast, client_for, kind, school, attributes, district
):
    from opportunities.models import Follow

    for who in ["teacher", "other_teacher", "coach"]:
        follow = Follow.objects.create(district=district, person=cast[who])
        follow.kinds.set([kind])
    client_for(cast["principal"]).post(URL, _data(kind))
    # other_teacher works at another school: this opportunity is not open to them.
    assert set(Outbox.objects.values_list("to_email", flat=True)) == {
        cast["teacher"].email,
        cast["coach"].email,
    }
    assert "Lead the grade 7 team" in Outbox.objects.first().text


def test_it_tells_people_who_follow_one_of_its_attributes(
    cast, client_for, kind, attributes, district
):
    from opportunities.models import Follow

    follow = Follow.objects.create(district=district, person=cast["other_teacher"])
    follow.attributes.set([attributes[1]])
    Follow.objects.create(district=district, person=cast["teacher"]).attributes.set([attributes[0]])
    client_for(cast["admin"]).post(URL, _data(kind, attributes=[attributes[1].pk]))
    assert list(Outbox.objects.values_list("to_email", flat=True)) == [cast["other_teacher"].email]
