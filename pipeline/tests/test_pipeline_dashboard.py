import datetime
import json
import re

from django.utils import timezone

from leadership.models import Level, Membership, User
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import ExperienceEntry
from pipeline.models import Candidate, Demographics, Readiness, Stage
from pipeline.tests.pipeline_data import candidate, framework, many_candidates, rate
from programs.models import (
    Assignment,
    Cohort,
    Enrollment,
    Nomination,
    NominationWindow,
    Program,
)

URL = "/pipeline/"


def charts(response):
    body = response.content.decode()
    start = body.index('<script id="pipeline-charts" type="application/json">')
    text = body[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(text)


def glance(body):
    """The figures at the top of the page: {link: the figure's number}."""
    section = body[body.index('aria-labelledby="glance-heading"') :].split("</section>")[0]
    found = re.findall(r'href="([^"]+)".*?<span class="glance-number[^"]*">([^<]+)<', section, re.S)
    return {url.replace("&amp;", "&"): number for url, number in found}


def test_it_answers_how_deep_the_bench_is_at_a_glance(
    cast, client_for, district, school, other_school
):
    """Five figures, each linking to the people (or schools, or nominations) behind it."""
    aim = {"readiness": Readiness.READY_NOW, "target_level": Level.SCHOOL}
    candidate(district, school, "Now School", Stage.READY_NOW, **aim)
    candidate(
        district,
        other_school,
        "Now District",
        Stage.READY_NOW,
        **{**aim, "target_level": "district"},
    )
    candidate(district, school, "Pla Ced", Stage.PLACED, **aim)  # off the bench
    candidate(district, other_school, "Lat Er", Stage.READY_LATER, readiness=Readiness.READY_LATER)
    today = timezone.localdate()
    program = Program.objects.create(district=district, name="Aspiring Principals")
    window = NominationWindow.objects.create(program=program, opens_on=today, closes_on=today)
    old = NominationWindow.objects.create(
        program=program,
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=300),
    )
    for w, nominee, at in ((window, "teacher", school), (old, "other_teacher", other_school)):
        Nomination.objects.create(
            district=district,
            program=program,
            window=w,
            nominee=cast[nominee],
            school=at,
            nominated_by=cast["principal"],
            rationale="Ready to grow",
        )
    ExperienceEntry.objects.create(
        district=district,
        person=cast["teacher"],
        title="Led the grade 7 team",
        started_on=today,
        source=ExperienceEntry.Source.OUTSIDE,
    )
    staff = Membership.objects.filter(district=district, school__isnull=False)
    staff = staff.values("user").distinct().count()
    client = client_for(cast["admin"])
    figures = glance(client.get(URL).content.decode())
    ready_now = "/pipeline/candidates/?readiness=ready_now&active=yes"
    ready_later = "/pipeline/candidates/?readiness=ready_later&active=yes"
    nobody = "/pipeline/schools/?only=nobody_ready"
    nominated = "/nominations/?window=current"
    led = "/pipeline/schools/?sort=led_share"
    assert figures == {
        ready_now: "2",
        ready_later: "1",
        nobody: "1 of 2",
        nominated: "1",
        led: f"{round(100 / staff)}%",
    }
    listed = client.get(ready_now).content.decode()
    assert "Now School" in listed and "Now District" in listed and "Pla Ced" not in listed
    assert "Lat Er" in client.get(ready_later).content.decode()
    schools = client.get(nobody).content.decode()
    assert other_school.name in schools and school.name not in schools
    queue = client.get(nominated).content.decode()
    assert "Tom Teacher" in queue and "Olga Otherteacher" not in queue
    assert client.get(led).status_code == 200
    # A principal's figures are their school's.
    mine = glance(client_for(cast["principal"]).get(URL).content.decode())
    assert (mine[ready_now], mine[ready_later], mine[nobody], mine[nominated]) == (
        "1",
        "0",
        "0 of 1",
        "1",
    )


def test_it_says_when_no_nomination_window_is_open(cast, client_for, district, school):
    body = client_for(cast["admin"]).get(URL).content.decode()
    section = body[body.index('aria-labelledby="glance-heading"') :].split("</section>")[0]
    assert "No nomination window is open" in section
    assert glance(body)["/nominations/?window=current"] == "0"


def test_it_shows_the_funnel_with_links_to_the_list(cast, client_for, district, school):
    candidate(district, school, "Ana Ready", Stage.READY_NOW)
    candidate(district, school, "Ben Ready", Stage.READY_NOW)
    client = client_for(cast["admin"])
    response = client.get(URL)
    funnel = charts(response)["funnel"]
    classroom = next(d for d in funnel["datasets"] if d["label"] == "Classroom")
    assert classroom["data"][Stage.values.index(Stage.READY_NOW)] == 2
    link = "/pipeline/candidates/?current_level=classroom&amp;stage=ready_now"
    assert link in response.content.decode()
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Ana Ready" in listed and "Ben Ready" in listed


def test_it_marks_schools_with_nobody_ready(cast, client_for, district, school, other_school):
    candidate(
        district,
        school,
        "Rea Dy",
        Stage.READY_NOW,
        readiness=Readiness.READY_NOW,
        target_level=Level.SCHOOL,
    )
    candidate(
        district,
        school,
        "Pla Ced",
        Stage.PLACED,
        readiness=Readiness.READY_NOW,
        target_level=Level.SCHOOL,
    )
    client = client_for(cast["admin"])
    response = client.get(URL)
    bench = charts(response)["bench"]
    assert bench["labels"] == ["Maple Grove High School", "Maple Grove Middle School"]
    assert bench["datasets"][0]["data"] == [0, 1]
    body = response.content.decode()
    assert body.count("Nobody ready") == 1
    link = (
        f"/pipeline/candidates/?school={school.pk}&amp;target_level=school"
        "&amp;active=yes&amp;readiness=ready_now"
    )
    assert link in body
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Rea Dy" in listed and "Pla Ced" not in listed


def test_it_counts_nominations_in_the_current_window(
    cast, client_for, district, school, other_school
):
    today = timezone.localdate()
    program = Program.objects.create(district=district, name="Aspiring Principals")
    window = NominationWindow.objects.create(
        program=program, opens_on=today - datetime.timedelta(days=3), closes_on=today
    )
    old = NominationWindow.objects.create(
        program=program,
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=300),
    )
    for w in (window, old):
        Nomination.objects.create(
            district=district,
            program=program,
            window=w,
            nominee=cast["teacher"],
            school=school,
            nominated_by=cast["principal"],
            rationale="Ready to grow",
        )
    Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    client = client_for(cast["admin"])
    response = client.get(URL)
    assert charts(response)["nominations"]["datasets"][0]["data"] == [0, 1]
    body = response.content.decode()
    assert "None yet" in body
    link = f"/pipeline/candidates/?school={school.pk}&amp;nominated=current"
    assert link in body
    assert "Tom Teacher" in client.get(link.replace("&amp;", "&")).content.decode()
    review = f"/nominations/?school={school.pk}&window=current"
    assert review.replace("&", "&amp;") in body
    assert "<caption>1 nomination</caption>" in client.get(review).content.decode()  # not 2


def test_it_hides_representation_counts_under_ten(cast, client_for, district, school):
    for i in range(12):
        person = candidate(district, school, f"Wo Man{i}", Stage.IDENTIFIED)
        Demographics.objects.create(user=person.user, gender=Demographics.Gender.WOMAN)
    for i in range(3):
        person = candidate(district, school, f"Ma N{i}", Stage.IDENTIFIED)
        Demographics.objects.create(user=person.user, gender=Demographics.Gender.MAN)
    body = client_for(cast["admin"]).get(URL).content.decode()
    section = body[body.index("Gender, by stage") :]
    identified = section[section.index(">Identified<") :].split("</tr>")[0]
    assert "<td>12</td>" in identified
    assert "<td>3</td>" not in identified
    # 15 identified in the funnel: a second cell is hidden with the 3 (an empty group's 0),
    # or 15 - 12 would give the three men away.
    assert identified.count(">hidden<") == 2


def test_it_shows_reflection_completion_by_cohort(cast, client_for, district, school):
    _, attribute, prompt = framework(district)
    program = Program.objects.create(district=district, name="Teacher Leaders")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="Fall", starts_on=today, ends_on=today + datetime.timedelta(days=90)
    )
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today)
    for person in (cast["teacher"], cast["coach"]):
        Enrollment.objects.create(cohort=cohort, person=person)
    rate(cast["teacher"], district, prompt, 2)
    response = client_for(cast["admin"]).get(URL)
    assert charts(response)["completion"]["datasets"][0]["data"] == [50]
    assert f"/pipeline/candidates/?program={program.pk}" in response.content.decode()


def test_it_counts_only_reflections_written_for_the_cohort(cast, client_for, district, school):
    """A year-old reflection on the prompt is not the assignment done; a late one is."""
    _, attribute, prompt = framework(district)
    program = Program.objects.create(district=district, name="Teacher Leaders")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program,
        name="Fall",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=90),
    )
    Assignment.objects.create(
        cohort=cohort, prompt=prompt, due_on=today - datetime.timedelta(days=10)
    )
    for person in (cast["teacher"], cast["coach"]):
        Enrollment.objects.create(cohort=cohort, person=person)  # enrolled today
    rate(cast["teacher"], district, prompt, 2, days_ago=365)
    rate(cast["coach"], district, prompt, 2, days_ago=365)
    for viewer in ("admin", "principal"):
        response = client_for(cast[viewer]).get(URL)
        assert charts(response)["completion"]["datasets"][0]["data"] == [0], viewer
    rate(cast["teacher"], district, prompt, 3)  # today: after enrolment, late
    response = client_for(cast["admin"]).get(URL)
    assert charts(response)["completion"]["datasets"][0]["data"] == [50]


def test_it_marks_the_charts_that_count_for_whole_number_ticks(cast, client_for, district):
    """static/js/pipeline-dashboard.js gives a "whole" chart's value axis integer ticks
    (the browser test in test_pipeline_charts_browser.py reads them)."""
    found = charts(client_for(cast["admin"]).get(URL))
    assert [name for name, chart in found.items() if chart.get("whole")] == [
        "funnel",
        "bench",
        "nominations",
        "completion",
    ]
    assert found["completion"]["max"] == 100


def test_it_averages_growth_per_attribute(cast, client_for, district, school):
    _, attribute, prompt = framework(district)
    grower = candidate(district, school, "Gro Wer")
    once = candidate(district, school, "On Ce")
    rate(grower.user, district, prompt, 1, days_ago=30)
    rate(grower.user, district, prompt, 3)
    rate(once.user, district, prompt, 4)
    response = client_for(cast["admin"]).get(URL)
    assert charts(response)["growth"]["datasets"][0]["data"] == [2.0]


def test_it_shows_a_principal_their_school_only(cast, client_for, district, school, other_school):
    candidate(district, school, "Mine", Stage.PLACED)
    candidate(district, other_school, "Theirs", Stage.EXITED)
    response = client_for(cast["principal"]).get(URL)
    funnel = charts(response)["funnel"]
    totals = [sum(values) for values in zip(*[d["data"] for d in funnel["datasets"]], strict=True)]
    assert totals[Stage.values.index(Stage.PLACED)] == 1
    assert totals[Stage.values.index(Stage.EXITED)] == 0
    assert charts(response)["bench"]["labels"] == ["Maple Grove Middle School"]
    assert "Import the roster" not in response.content.decode()


def test_it_refuses_teachers_and_requires_sign_in(cast, client_for, client):
    assert client_for(cast["teacher"]).get(URL).status_code == 403
    assert client_for(None).get(URL)["Location"].startswith("/accounts/login/")


def test_it_makes_the_same_number_of_queries_for_10_and_10000_candidates(
    cast, client_for, district, school, other_school
):
    """Every figure is an aggregate: the page's query count must not grow with the district."""
    _, attribute, prompt = framework(district)
    program = Program.objects.create(district=district, name="Teacher Leaders")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="Fall", starts_on=today, ends_on=today + datetime.timedelta(days=90)
    )
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today)
    NominationWindow.objects.create(program=program, opens_on=today, closes_on=today)
    many_candidates(district, [school, other_school], 10, prefix="Few")

    def grow():
        made = many_candidates(district, [school, other_school], 9990)
        users = User.objects.filter(pk__in=[c.user_id for c in made[:200]])
        Demographics.objects.bulk_create(
            Demographics(user=u, gender=Demographics.Gender.WOMAN) for u in users
        )
        Enrollment.objects.bulk_create(Enrollment(cohort=cohort, person=u) for u in users)

    # The figures at a glance add two queries (ready now and later; the share of staff who
    # led something): 23 measured before them, 25 with them; the budget rises by the two.
    assert_flat_query_count(client_for(cast["admin"]), URL, grow, budget=26)
