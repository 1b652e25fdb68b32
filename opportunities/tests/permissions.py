import datetime

from django.urls import reverse
from django.utils import timezone

from leadership.tests.permission_table import Row
from opportunities.models import Application, ExperienceEntry, Opportunity, OpportunityKind


def objects(cast):
    teacher, principal = cast["teacher"], cast["principal"]
    school = principal.memberships.get().school
    kind = OpportunityKind.objects.create(district=school.district, name="Visioning team")
    opportunity = Opportunity.objects.create(
        district=school.district,
        kind=kind,
        title="Lead the grade 7 team",
        description="Plan the team's meetings.",
        time_asked="One hour a week",
        seats=2,
        school=school,
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
        posted_by=principal,
    )
    application = Application.objects.create(
        opportunity=opportunity,
        applicant=teacher,
        note="I would like to.",
        status=Application.Status.SELECTED,
        submitted_at=timezone.now(),
    )
    entry = ExperienceEntry.objects.create(
        district=school.district,
        person=teacher,
        title="Department chair",
        started_on=datetime.date(2020, 9, 1),
        source=ExperienceEntry.Source.OUTSIDE,
    )
    return {"kind": kind, "opportunity": opportunity, "application": application, "entry": entry}


def _opp(name):
    return lambda o: reverse(f"opportunities:{name}", args=[o["opportunity"].pk])


ADMINS_ONLY = {"admin": 200, "outsider": 200}
MANAGERS = {"admin": 200, "principal": 200, "outsider": 404}

ROWS = {
    "opportunities:opportunity_list": Row(lambda o: reverse("opportunities:opportunity_list")),
    # The list's school filter's suggestions: everybody filters the list.
    "opportunities:school_search": Row(
        lambda o: reverse("opportunities:school_search") + "?school=Maple"
    ),
    "opportunities:opportunity_create": Row(
        lambda o: reverse("opportunities:opportunity_create"),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    # The posting form's school suggestions: admins, who open an opportunity to one school.
    "opportunities:posting_school_search": Row(
        lambda o: reverse("opportunities:posting_school_search") + "?school=Maple",
        default=403,
        expect=ADMINS_ONLY,
    ),
    "opportunities:follow_edit": Row(lambda o: reverse("opportunities:follow_edit")),
    # Everybody's own applications only (the outsider sees their own, none of Maple Grove's).
    "opportunities:own_application_list": Row(
        lambda o: reverse("opportunities:own_application_list")
    ),
    "opportunities:kind_list": Row(
        lambda o: reverse("opportunities:kind_list"), default=403, expect=ADMINS_ONLY
    ),
    "opportunities:kind_toggle": Row(
        lambda o: reverse("opportunities:kind_toggle", args=[o["kind"].pk]), default=405
    ),
    "opportunities:kind_rename": Row(
        lambda o: reverse("opportunities:kind_rename", args=[o["kind"].pk]), default=405
    ),
    "opportunities:opportunity_detail": Row(_opp("opportunity_detail"), expect={"outsider": 404}),
    "opportunities:opportunity_edit": Row(_opp("opportunity_edit"), default=403, expect=MANAGERS),
    "opportunities:application_save": Row(_opp("application_save"), default=405),
    "opportunities:application_list": Row(_opp("application_list"), default=403, expect=MANAGERS),
    "opportunities:opportunity_select": Row(_opp("opportunity_select"), default=405),
    "opportunities:opportunity_unselect": Row(_opp("opportunity_unselect"), default=405),
    "opportunities:opportunity_finish": Row(_opp("opportunity_finish"), default=405),
    "opportunities:opportunity_cancel": Row(_opp("opportunity_cancel"), default=405),
    "opportunities:application_withdraw": Row(
        lambda o: reverse("opportunities:application_withdraw", args=[o["application"].pk]),
        default=405,
    ),
    "opportunities:experience_list": Row(lambda o: reverse("opportunities:experience_list")),
    "opportunities:experience_add": Row(
        lambda o: reverse("opportunities:experience_add"), default=403, expect=ADMINS_ONLY
    ),
    # The person picker's suggestions there: the admins who add (each their own district's).
    "opportunities:experience_person_search": Row(
        lambda o: reverse("opportunities:experience_person_search") + "?person=tom",
        default=403,
        expect=ADMINS_ONLY,
    ),
    "opportunities:experience_remove": Row(
        lambda o: reverse("opportunities:experience_remove", args=[o["entry"].pk]), default=405
    ),
    "opportunities:experience_new": Row(lambda o: reverse("opportunities:experience_new")),
    # The teacher's own line from outside: only she edits it; those who see it on her record
    # (admin, principal) get 403, everybody else 404.
    "opportunities:experience_edit": Row(
        lambda o: reverse("opportunities:experience_edit", args=[o["entry"].pk]),
        default=404,
        expect={"teacher": 200, "admin": 403, "principal": 403},
    ),
    "opportunities:experience_verify": Row(
        lambda o: reverse("opportunities:experience_verify", args=[o["entry"].pk]), default=405
    ),
    "opportunities:experience_record": Row(
        _opp("experience_record"), default=403, expect={"teacher": 200, "outsider": 404}
    ),
}
