"""The candidate page's sections for nominations, enrollments, attendance and reflections."""

import datetime

from django.utils import timezone

from pipeline.tests.pipeline_data import candidate, framework, rate
from programs.models import (
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationWindow,
    Program,
    Session,
)


def test_it_shows_nominations_enrollments_and_attendance(cast, client_for, district, school):
    person = candidate(district, school, "Nia Nominee")
    today = timezone.localdate()
    program = Program.objects.create(district=district, name="Aspiring Principals")
    window = NominationWindow.objects.create(program=program, opens_on=today, closes_on=today)
    Nomination.objects.create(
        district=district,
        program=program,
        window=window,
        nominee=person.user,
        school=school,
        nominated_by=cast["principal"],
        rationale="Leads the math team",
    )
    cohort = Cohort.objects.create(
        program=program, name="Spring", starts_on=today, ends_on=today + datetime.timedelta(30)
    )
    enrollment = Enrollment.objects.create(cohort=cohort, person=person.user)
    now = timezone.now()
    for i, status in enumerate(["present", "absent"]):
        session = Session.objects.create(
            cohort=cohort, title=f"S{i}", starts_at=now, ends_at=now + datetime.timedelta(hours=1)
        )
        Attendance.objects.create(session=session, enrollment=enrollment, status=status)
    body = client_for(cast["admin"]).get(f"/pipeline/candidates/{person.pk}/").content.decode()
    assert "Aspiring Principals" in body
    assert "Paula Principal" in body
    assert "Spring" in body
    assert "1 of 2 recorded" in body


def test_it_summarises_reflections_without_their_text(cast, client_for, district, school):
    person = candidate(district, school, "Rory Reflects")
    _, attribute, prompt = framework(district)
    reflection = rate(person.user, district, prompt, 3)
    reflection.response = "My very private words"
    reflection.save(update_fields=["response"])
    body = client_for(cast["admin"]).get(f"/pipeline/candidates/{person.pk}/").content.decode()
    assert "1 submitted reflection on 1 attribute" in body
    assert "My very private words" not in body
    body = client_for(cast["principal"]).get(f"/pipeline/candidates/{person.pk}/").content.decode()
    assert "0 shared with you" in body
    assert "My very private words" not in body
