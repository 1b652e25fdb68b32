from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from leadership.tests.permission_table import Row
from notices.models import Notification
from portrait.models import Attribute, Framework
from programs.models import (
    Cohort,
    Enrollment,
    Nomination,
    NominationEvidence,
    NominationWindow,
    Program,
    Session,
)


def objects(cast):
    admin, teacher = cast["admin"], cast["teacher"]
    district = admin.memberships.get().district
    school = teacher.memberships.get().school
    today = timezone.localdate()
    program = Program.objects.create(district=district, name="Fellowship")
    window = NominationWindow.objects.create(
        program=program, opens_on=today, closes_on=today + timedelta(days=5)
    )
    cohort = Cohort.objects.create(
        program=program,
        name="Fall",
        starts_on=today,
        ends_on=today + timedelta(days=90),
        facilitator=cast["coach"],
    )
    start = timezone.now() + timedelta(days=3)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    nomination = Nomination.objects.create(
        district=district,
        program=program,
        window=window,
        nominee=teacher,
        school=school,
        nominated_by=cast["principal"],
        rationale="x" * 60,
    )
    framework = Framework.objects.create(district=district)
    attribute = Attribute.objects.create(
        framework=framework, name="Advocacy", slug="advocacy", summary="Speaks up."
    )
    evidence = NominationEvidence.objects.create(
        nomination=nomination,
        attribute=attribute,
        seen="Spoke up for the students nobody was counting.",
        file=ContentFile(b"%PDF-1.7 notes", name="notes.pdf"),
    )
    enrollment = Enrollment.objects.create(cohort=cohort, person=cast["other_teacher"])
    notification = Notification.objects.create(
        key="perm|teacher", recipient=teacher, text="A notice for the teacher"
    )
    return {
        "program": program,
        "cohort": cohort,
        "session": session,
        "nomination": nomination,
        "evidence": evidence,
        "notification": notification,
        "enrollment": enrollment,
    }


def _post_only(name, key=None):
    if key is None:
        return Row(lambda o: reverse(name), default=405)
    return Row(lambda o: reverse(name, args=[o[key].pk]), default=405)


ROWS = {
    # Programs: everybody in the district reads; the other district's admin gets 404.
    "programs:programs": Row(lambda o: reverse("programs:programs")),
    "programs:program": Row(
        lambda o: reverse("programs:program", args=[o["program"].pk]), expect={"outsider": 404}
    ),
    "programs:program_create": _post_only("programs:program_create"),
    "programs:program_update": _post_only("programs:program_update", "program"),
    "programs:cohort_create": _post_only("programs:cohort_create", "program"),
    "programs:window_create": _post_only("programs:window_create", "program"),
    # A cohort's roster: district admins and its facilitator (the coach) only.
    "programs:cohort": Row(
        lambda o: reverse("programs:cohort", args=[o["cohort"].pk]),
        default=403,
        expect={"admin": 200, "coach": 200, "outsider": 404},
    ),
    "programs:cohort_update": _post_only("programs:cohort_update", "cohort"),
    "programs:enrollment_status": _post_only("programs:enrollment_status", "enrollment"),
    "programs:session_create": _post_only("programs:session_create", "cohort"),
    "programs:assignment_create": _post_only("programs:assignment_create", "cohort"),
    # A session's page, as its .ics file: people in the cohort, its facilitator and district
    # admins; anybody else 404.
    "programs:session": Row(
        lambda o: reverse("programs:session", args=[o["session"].pk]),
        default=404,
        expect={"admin": 200, "coach": 200},
    ),
    # The .ics file: people in the cohort (the teacher is not enrolled here), its facilitator
    # and district admins; anybody else 404 (whether a session exists is not theirs to know).
    "programs:session_calendar": Row(
        lambda o: reverse("programs:session_calendar", args=[o["session"].pk]),
        default=404,
        expect={"admin": 200, "coach": 200},
    ),
    "programs:session_edit": Row(
        lambda o: reverse("programs:session_edit", args=[o["session"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    # Cancelling a session: a confirm page for district admins (the facilitator takes
    # attendance but does not change or cancel sessions), then a POST-only action.
    "programs:session_cancel_confirm": Row(
        lambda o: reverse("programs:session_cancel_confirm", args=[o["session"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "programs:session_cancel": _post_only("programs:session_cancel", "session"),
    "programs:attendance": Row(
        lambda o: reverse("programs:attendance", args=[o["session"].pk]),
        default=403,
        expect={"admin": 200, "coach": 200, "outsider": 404},
    ),
    # Nominations: everybody sees a list (filtered to what they may see).
    "programs:nominations": Row(lambda o: reverse("programs:nominations")),
    # Principals and teachers nominate; admins and coaches do not.
    "programs:nomination_new": Row(
        lambda o: reverse("programs:nomination_new"),
        expect={"admin": 403, "coach": 403, "outsider": 403},
    ),
    "programs:nominations_decide": _post_only("programs:nominations_decide"),
    # The queue's pickers: schools for those it offers a school filter (admins, principals),
    # running cohorts for the admins who decide.
    "programs:school_search": Row(
        lambda o: reverse("programs:school_search") + "?school=Maple",
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    "programs:cohort_search": Row(
        lambda o: reverse("programs:cohort_search") + "?cohort=a",
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    # One nomination: the district, the nominee's principal and the nominee; others 404.
    "programs:nomination": Row(
        lambda o: reverse("programs:nomination", args=[o["nomination"].pk]),
        default=404,
        expect={"admin": 200, "principal": 200, "teacher": 200},
    ),
    # A nomination's evidence file: the people who read the nomination; others 404.
    "programs:nomination_evidence": Row(
        lambda o: reverse("programs:nomination_evidence", args=[o["evidence"].pk]),
        default=404,
        expect={"admin": 200, "principal": 200, "teacher": 200},
    ),
    "programs:nomination_respond": _post_only("programs:nomination_respond", "nomination"),
    "programs:nomination_endorse": _post_only("programs:nomination_endorse", "nomination"),
    "programs:nomination_withdraw": _post_only("programs:nomination_withdraw", "nomination"),
    "programs:nomination_decide": _post_only("programs:nomination_decide", "nomination"),
    "notices:notifications": Row(lambda o: reverse("notices:notifications")),
    # POST only; somebody else's notification is 404 on POST (see test_notifications.py).
    "notices:notification_open": _post_only("notices:notification_open", "notification"),
    "notices:notifications_read": _post_only("notices:notifications_read"),
    "notices:reminder_preference": _post_only("notices:reminder_preference"),
}
