import datetime

from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import ExperienceEntry
from opportunities.tests.conftest import sent


def _entry(person, district, title, year):
    return ExperienceEntry.objects.create(
        district=district,
        person=person,
        title=title,
        started_on=datetime.date(year, 9, 1),
        ended_on=datetime.date(year + 1, 6, 1),
        source=ExperienceEntry.Source.OUTSIDE,
    )


def test_it_shows_the_persons_leadership_record(cast, client_for, district):
    _entry(cast["teacher"], district, "Science department chair", 2019)
    _entry(cast["coach"], district, "Not the teacher's", 2019)
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert "Your leadership record" in body
    assert "Science department chair" in body
    assert "Not the teacher" not in body


def test_it_suggests_opportunities_to_people_who_never_held_one(
    cast, client_for, opportunity, make_opportunity, other_school
):
    make_opportunity(title="For the other school only", school=other_school)
    applied = make_opportunity(title="Already applied to")
    sent(applied, cast["teacher"])
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert "Opportunities you could take on" in body
    assert "Review the grade 7 science units" in body
    assert "For the other school only" not in body
    assert "Already applied to" not in body


def test_it_stops_suggesting_once_the_person_has_led(cast, client_for, opportunity, district):
    _entry(cast["teacher"], district, "Team lead", 2020)
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert "Opportunities you could take on" not in body


def test_it_offers_admins_the_outside_experience_form(cast, client_for):
    body = client_for(cast["admin"]).get("/").content.decode()
    assert "Add experience from outside Deep Bench" in body
    assert (
        "Add experience from outside" not in client_for(cast["teacher"]).get("/").content.decode()
    )


def test_it_makes_the_same_number_of_queries_for_a_longer_record(cast, client_for, district):
    """The home page's record must not query per line."""
    _entry(cast["teacher"], district, "First", 2010)

    def grow():
        for year in range(2011, 2020):
            _entry(cast["teacher"], district, f"Role {year}", year)

    # The home page's growth plan, its reviews and the mentoring pairs add three (issue 19).
    assert_flat_query_count(client_for(cast["teacher"]), "/", grow, budget=21)


def test_it_reminds_the_person_of_applications_they_did_not_send(
    cast, client_for, opportunity, make_opportunity
):
    sent(opportunity, cast["teacher"], status="draft")
    sent(make_opportunity(title="Closed already", days=-2), cast["teacher"], status="draft")
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert "You started 1 application and did not send it yet" in body
    assert "Review the grade 7 science units" in body
    assert "Closed already" not in body


def test_it_suggests_followed_kinds_first(cast, client_for, make_opportunity, district):
    from opportunities.models import Follow, OpportunityKind

    mentoring = OpportunityKind.objects.create(district=district, name="Mentoring")
    for days in (1, 2, 3):
        make_opportunity(title=f"Soon {days}", days=days)
    make_opportunity(title="Mentor a newcomer", kind=mentoring, days=20)
    Follow.objects.create(district=district, person=cast["teacher"]).kinds.set([mentoring])
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert "Mentor a newcomer" in body
    assert body.index("Mentor a newcomer") < body.index("Soon 1")
    assert "Soon 3" not in body  # three suggestions at most
