"""Every email the code can queue reads as words, in its text part and its HTML part.

Each email template under templates/emails/ has a case below that queues it the way the
product does (the service or task that sends it, with real objects), then reads the outbox
rows: neither part may be empty or show a Python repr (`<QuerySet […]>`, `<Attribute: …>`),
the word None, or template syntax left unrendered. A template without a case fails, so a new
email cannot go out unread by this test.
"""

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from notices.models import Outbox
from notices.tests.sending import queue_notice
from opportunities import services as opportunity_services
from opportunities import tasks as opportunity_tasks
from opportunities.models import Application, Follow, Opportunity
from opportunities.tests.conftest import kind, make_opportunity, sent  # noqa: F401 (fixtures)
from pipeline.mentoring import services as mentoring_services
from pipeline.mentoring.models import MentorOffer
from pipeline.models import Readiness
from pipeline.plans import services as plan_services
from pipeline.succession import tasks as succession_tasks
from pipeline.tests import plans_data
from pipeline.tests import succession_data as succession
from portrait import services as portrait_services
from portrait.models import ReflectionPrompt
from portrait.tests.factories import assign, reflection_by
from programs import services as program_services
from programs import tasks as program_tasks
from programs.models import Assignment
from programs.tests.conftest import (  # noqa: F401 (fixtures)
    attributes,
    cohort,
    nominate,
    program,
    prompt,
    window,
)

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
APPS = ["leadership", "notices", "portrait", "programs", "opportunities", "pipeline"]
# A repr (raw or HTML-escaped), the word None, or template syntax that was not rendered.
UNREADABLE = re.compile(r"(<|&lt;)(QuerySet|[A-Z]\w+: )|\bNone\b|\{\{|\}\}|\{%|%\}")
NOTE = "Please bring one example from your classroom."


def _at(days, hour=15):
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _session(f, days=7):
    start = _at(days)
    return program_services.session_create(
        actor=f("district_admin"),
        cohort=f("cohort"),
        title="Leading a data meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Room 114",
        description="We practise with last term's reading scores.",
    )


def _approved(f):
    """The teacher, nominated by the principal, accepts and is approved into the cohort."""
    nomination = f("nominate")(f("principal"), f("teacher"))
    program_services.nomination_respond(
        actor=f("teacher"), nomination_id=nomination.pk, accept=True, note="Happy to."
    )
    return program_services.nomination_decide(
        actor=f("district_admin"), nomination_id=nomination.pk, decision="approved", note=NOTE
    )


def _assignment(f, days):
    asked = ReflectionPrompt.objects.create(
        attribute=f("attributes")[1], text=f"What changed in your team this term ({days})?"
    )
    return program_services.assignment_create(
        actor=f("district_admin"),
        cohort=f("cohort"),
        prompt=asked,
        due_on=timezone.localdate() + timedelta(days=days),
        note=NOTE,
    )


def nomination_submitted(f):
    f("nominate")(f("principal"), f("teacher"))
    return ["nomination.submitted"]


def nomination_endorse_requested(f):
    f("principal")
    f("nominate")(f("teacher"), f("teacher"))
    return ["nomination.endorse_requested"]


def nomination_moved(f):
    _approved(f)
    return ["nomination.accepted", "nomination.approved"]


def nomination_withdrawn(f):
    nomination = f("nominate")(f("principal"), f("teacher"))
    program_services.nomination_withdraw(
        actor=f("principal"), nomination_id=nomination.pk, note="We will try next year."
    )
    return ["nomination.withdrawn"]


def enrollment_welcome(f):
    _session(f)
    _approved(f)
    return ["enrollment.welcome"]


def session_invitation(f):
    session = _session(f)
    program_services.session_update(
        actor=f("district_admin"),
        session_id=session.pk,
        title=session.title,
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
        location="Library",
        description=session.description,
    )
    return ["session.invitation", "session.changed"]


def session_cancelled(f):
    session = _session(f)
    program_services.session_cancel(actor=f("district_admin"), session_id=session.pk, note=NOTE)
    return ["session.cancelled"]


def session_tomorrow(f):
    _session(f, days=1)
    program_tasks.queue_daily_reminders()
    return ["session.tomorrow"]


def assignment_new(f):
    _approved(f)
    _assignment(f, days=14)
    return ["assignment.new"]


def assignment_due(f):
    _approved(f)
    _assignment(f, days=2)
    overdue = _assignment(f, days=5)
    Assignment.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(1))
    program_tasks.queue_daily_reminders()
    return ["assignment.due_soon", "assignment.overdue"]


def session_reflection(f):
    _approved(f)
    start = _at(-1)
    session = program_services.session_create(
        actor=f("district_admin"),
        cohort=f("cohort"),
        title="Listening before deciding",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Room 114",
        credit_hours=2,
        prompt=f("prompt"),
    )
    enrollment = session.cohort.enrollments.get(person=f("teacher"))
    program_services.attendance_record(
        actor=f("district_admin"), session=session, statuses={enrollment.pk: "present"}
    )
    return ["assignment.after_session"]


def window_closing(f):
    f("principal")
    closing = f("window")
    closing.closes_on = timezone.localdate() + timedelta(days=2)
    closing.save(update_fields=["closes_on"])
    program_tasks.queue_daily_reminders()
    return ["window.closing"]


def weekly_digest(f):
    f("district_admin")
    f("nominate")(f("principal"), f("teacher"))
    program_tasks.queue_weekly_digest()
    return ["digest.weekly"]


def feedback_given(f):
    assign(f("coach"), f("teacher"))
    reflection = reflection_by(f("teacher"))
    portrait_services.feedback_give(reflection=reflection, author=f("coach"), text=NOTE)
    return ["reflection.feedback"]


def _applied(f, **extra):
    opportunity = f("make_opportunity")(school=f("school"), **extra)
    return opportunity, sent(opportunity, f("teacher")), sent(opportunity, f("coach"))


def opportunity_new(f):
    follow = Follow.objects.create(district=f("district"), person=f("teacher"))
    follow.kinds.add(f("kind"))
    opportunity = Opportunity(
        district=f("district"),
        kind=f("kind"),
        title="Review the grade 7 science units",
        description="Read the units with two colleagues and suggest changes.",
        time_asked="Two afternoons",
        seats=2,
        school=f("school"),
        closes_on=timezone.localdate() + timedelta(days=10),
    )
    opportunity_services.opportunity_post(
        actor=f("principal"), opportunity=opportunity, attributes=[]
    )
    return ["opportunity.new"]


def _selection(f):
    opportunity, chosen, _ = _applied(f, seats=1)
    opportunity_services.opportunity_select(
        actor=f("principal"), opportunity=opportunity, application_ids=[chosen.pk]
    )
    opportunity_services.opportunity_finish_selection(actor=f("principal"), opportunity=opportunity)


def opportunity_selected(f):
    _selection(f)
    return ["opportunity.selected"]


def opportunity_not_selected(f):
    _selection(f)
    return ["opportunity.not_selected"]


def opportunity_cancelled(f):
    opportunity, _, _ = _applied(f)
    opportunity_services.opportunity_cancel(actor=f("principal"), opportunity=opportunity)
    return ["opportunity.cancelled"]


def opportunity_draft_reminder(f):
    opportunity = f("make_opportunity")(school=f("school"), days=2)
    sent(opportunity, f("teacher"), status=Application.Status.DRAFT, note="")
    opportunity_tasks.remind_unsent_applications()
    return ["opportunity.draft_reminder"]


def _opening_with_nobody_ready(f):
    """The school's principal has announced she leaves in two months; nobody is ready now."""
    f("district_admin")
    post = succession.position(f("district"), f("school"))
    succession.holder(post, "Hana Holder", departure_on=succession.days(60))
    return post


def succession_uncovered(f):
    _opening_with_nobody_ready(f)
    succession.position(f("district"), f("other_school"))  # vacant: the other wording
    succession_tasks.alert_uncovered_openings()
    return ["succession.uncovered"]


def succession_digest(f):
    first = _opening_with_nobody_ready(f)
    second = succession.position(f("district"), f("other_school"))
    later = succession.ready_candidate(
        f("district"), f("school"), "Lena Later", Readiness.READY_LATER
    )
    for post in (first, second):
        succession.slate(post, (later, succession.READY_LATER))
    succession_tasks.send_succession_digest()
    return ["succession.digest"]


def _plan(f):
    """The teacher's growth plan, handed in to her coach and her principal as sponsor."""
    plans_data.coach_of(f("coach"), f("teacher"), f("district"))
    plan = plans_data.plan(f("teacher"), f("district"), sponsor=f("principal"))
    return plan_services.plan_submit(plan=plan)


def plan_review_requested(f):
    _plan(f)
    return ["plan.review_requested"]


def plan_reviewed(f):
    plan_services.plan_review(plan=_plan(f), reviewer=f("coach"), text=NOTE)
    return ["plan.reviewed"]


def mentor_paired(f):
    MentorOffer.objects.create(district=f("district"), person=f("other_teacher"), capacity=2)
    mentoring_services.mentorship_create(
        actor=f("district_admin"),
        district=f("district"),
        mentor_id=f("other_teacher").pk,
        person=f("teacher"),
    )
    return ["mentorship.paired"]


def notice(f):
    """The plain notice: a message in words (tests and one-off announcements use it)."""
    queue_notice(f("district"), [f("teacher")])
    return ["test.notice"]


CASES = {
    case.__name__: case
    for case in [
        nomination_submitted,
        nomination_endorse_requested,
        nomination_moved,
        nomination_withdrawn,
        enrollment_welcome,
        session_invitation,
        session_cancelled,
        session_tomorrow,
        assignment_new,
        assignment_due,
        session_reflection,
        window_closing,
        weekly_digest,
        feedback_given,
        opportunity_new,
        opportunity_selected,
        opportunity_not_selected,
        opportunity_cancelled,
        opportunity_draft_reminder,
        succession_uncovered,
        succession_digest,
        plan_review_requested,
        plan_reviewed,
        mentor_paired,
        notice,
    ]
}


def _templates():
    """Email templates on disk (the ones starting with _ are parts of the others)."""
    return {path.stem for path in EMAILS.glob("*.*") if not path.name.startswith("_")}


def _templates_the_code_names():
    code = Path(settings.BASE_DIR)
    found = set()
    for app in APPS:
        for path in (code / app).rglob("*.py"):
            if "tests" not in path.parts:
                found.update(re.findall(r'\btemplate="(\w+)"', path.read_text()))
    return found


def test_it_has_a_case_for_every_email_template_and_every_template_the_code_names():
    named = _templates_the_code_names()
    assert named <= _templates(), f"no such email template: {sorted(named - _templates())}"
    assert _templates() == set(CASES), (
        f"templates without a case below: {sorted(_templates() - set(CASES))}; "
        f"cases without a template: {sorted(set(CASES) - _templates())}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("template", sorted(CASES))
def test_it_renders_every_email_in_words(template, request):
    kinds = CASES[template](request.getfixturevalue)

    for email_kind in kinds:
        rows = list(Outbox.objects.filter(kind=email_kind))
        assert rows, f"{template}: nothing queued as {email_kind}"
        for row in rows:
            for part, text in (("text", row.text), ("html", row.html)):
                assert text.strip(), f"{email_kind}: the {part} part is empty"
                found = UNREADABLE.search(text)
                assert found is None, f"{email_kind}, {part} part shows {found.group(0)!r}:\n{text}"
