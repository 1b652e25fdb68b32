"""A teacher with something in every section of their leadership profile, for the profile's
tests. Each piece of text is a marker a test can look for, on a page or off it."""

import datetime

from django.utils import timezone

from conftest import make_person
from leadership.models import CoachAssignment, Role
from opportunities.models import Application, ExperienceEntry, Opportunity, OpportunityKind
from pipeline.models import Candidate, CandidateChange, Readiness, Stage
from portrait.models import Attribute, Feedback, Framework, Reflection, ReflectionPrompt
from programs.models import (
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationStatus,
    NominationWindow,
    Program,
    Session,
)

SHARED = "Shared sentence: I ran the grade 7 team meeting and everyone spoke."
SECRET = "Secret sentence: I am not sure I want to lead anybody."
DRAFT = "Draft sentence: still thinking about this one."
FEEDBACK_SHARED = "Coach note on the shared one: keep the agenda short."
FEEDBACK_SECRET = "Coach note on the secret one: doubt is normal."
JUDGEMENT = "Judgement note: ready to lead a team next year."
RATIONALE = "Nomination evidence: Tom turned the team's meetings around this term."
SCHOOL_OPPORTUNITY = "Lead the grade 7 planning team"
DISTRICT_OPPORTUNITY = "Join the district equity working group"
OUTSIDE = "Outside experience: chaired the union's training committee"
TARGET_ROLE = "Assistant principal"


def _at(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


def framework(district):
    found = Framework.objects.create(district=district, name="Portrait of a Leader")
    attributes = [
        Attribute.objects.create(
            framework=found, name=name, slug=name.lower(), summary=f"{name}.", order=i
        )
        for i, name in enumerate(["Collaboration", "Advocacy"])
    ]
    prompts = [
        ReflectionPrompt.objects.create(attribute=a, text=f"When did you show {a.name}?")
        for a in attributes
    ]
    return attributes, prompts


def reflect(
    person, prompt, response, *, rating, shared, days_ago, coach=None, note="", coach_rating=None
):
    reflection = Reflection.objects.create(
        district=prompt.attribute.framework.district,
        author=person,
        prompt=prompt,
        attribute=prompt.attribute,
        response=response,
        self_rating=rating,
        shared_with_principal=shared,
        status=Reflection.Status.SUBMITTED,
        submitted_at=_at(days_ago),
    )
    if coach is not None:
        Feedback.objects.create(
            reflection=reflection,
            author=coach,
            text=note,
            rating=coach_rating,
            created_at=_at(days_ago - 1),
        )
    return reflection


def nominated(person, school, principal):
    """An accepted nomination of `person` by `principal` to a program whose window is open."""
    today = timezone.localdate()
    program = Program.objects.create(district=school.district, name="Teacher Leader Fellowship")
    window = NominationWindow.objects.create(
        program=program,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
    )
    return Nomination.objects.create(
        district=school.district,
        program=program,
        window=window,
        nominee=person,
        school=school,
        nominated_by=principal,
        rationale=RATIONALE,
        status=NominationStatus.ACCEPTED,
    )


def person_world(cast, district, school):
    """The teacher's profile, full: two reflections (one shared with the principal, one not,
    each with a coach's rated feedback) and a draft, a candidacy with a judged history, a
    nomination, an enrollment with attendance, two applications (one to the principal's own
    opportunity, one to the district's) and a line of outside experience."""
    teacher, coach, admin, principal = (
        cast["teacher"],
        cast["coach"],
        cast["admin"],
        cast["principal"],
    )
    CoachAssignment.objects.create(district=district, coach=coach, person=teacher)
    attributes, prompts = framework(district)
    reflect(
        teacher,
        prompts[0],
        SHARED,
        rating=3,
        shared=True,
        days_ago=10,
        coach=coach,
        note=FEEDBACK_SHARED,
        coach_rating=2,
    )
    reflect(
        teacher,
        prompts[1],
        SECRET,
        rating=1,
        shared=False,
        days_ago=5,
        coach=coach,
        note=FEEDBACK_SECRET,
        coach_rating=4,
    )
    Reflection.objects.create(
        district=district,
        author=teacher,
        prompt=prompts[0],
        attribute=attributes[0],
        response=DRAFT,
    )
    candidate = Candidate.objects.create(
        district=district,
        user=teacher,
        school=school,
        stage=Stage.IN_DEVELOPMENT,
        readiness=Readiness.READY_LATER,
        target_role=TARGET_ROLE,
    )
    CandidateChange.objects.create(
        candidate=candidate,
        field=CandidateChange.Field.READINESS,
        old_value=Readiness.NOT_ASSESSED,
        new_value=Readiness.READY_LATER,
        note=JUDGEMENT,
        changed_by=admin,
    )
    today = timezone.localdate()
    nomination = nominated(teacher, school, principal)
    program, window = nomination.program, nomination.window
    nomination.attributes.set(attributes[:1])
    cohort = Cohort.objects.create(
        program=program,
        name="Spring cohort",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
    )
    enrollment = Enrollment.objects.create(cohort=cohort, person=teacher)
    session = Session.objects.create(
        cohort=cohort,
        title="Kick-off",
        starts_at=_at(20),
        ends_at=_at(20) + datetime.timedelta(hours=1),
    )
    Attendance.objects.create(session=session, enrollment=enrollment, status="present")
    kind = OpportunityKind.objects.create(district=district, name="Team lead")
    for title, where, poster in (
        (SCHOOL_OPPORTUNITY, school, principal),
        (DISTRICT_OPPORTUNITY, None, admin),
    ):
        opportunity = Opportunity.objects.create(
            district=district,
            kind=kind,
            title=title,
            description="Lead it.",
            time_asked="An hour a week",
            school=where,
            closes_on=today + datetime.timedelta(days=9),
            posted_by=poster,
        )
        Application.objects.create(
            opportunity=opportunity,
            applicant=teacher,
            note="Glad to.",
            status="submitted",
            submitted_at=timezone.now(),
        )
    ExperienceEntry.objects.create(
        district=district,
        person=teacher,
        title=OUTSIDE,
        started_on=today - datetime.timedelta(days=400),
        ended_on=today - datetime.timedelta(days=100),
        source=ExperienceEntry.Source.OUTSIDE,
    )
    return {
        "person": teacher,
        "candidate": candidate,
        "nomination": nomination,
        "program": program,
        "window": window,
        "cohort": cohort,
        "attributes": attributes,
        "prompts": prompts,
        "kind": kind,
    }


def colleague(district, school):
    """Another teacher at the person's school: neither their principal nor their coach."""
    return make_person("colleague@maple.test", "Cleo Colleague", district, Role.TEACHER, school)
