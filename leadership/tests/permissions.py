from django.urls import reverse

from leadership.tests.permission_table import Row
from pipeline.models import Candidate, ImportRun, Stage
from portrait.models import Framework


def objects(cast):
    """A candidate at the principal's school, in the cast's district."""
    teacher = cast["teacher"]
    membership = teacher.memberships.get()
    candidate, _ = Candidate.objects.get_or_create(
        district=membership.district,
        user=teacher,
        defaults={"school": membership.school, "stage": Stage.IDENTIFIED},
    )
    run, _ = ImportRun.objects.get_or_create(
        district=membership.district,
        file_name="roster.zip",
        defaults={"file_sha256": "0", "content": b"", "format": ImportRun.Format.ONEROSTER},
    )
    framework, _ = Framework.objects.get_or_create(
        district=membership.district, defaults={"name": "Portrait of a Leader"}
    )
    return {"candidate": candidate, "run": run, "framework": framework}


ROWS = {
    "home": Row(lambda o: reverse("home")),
    "healthz": Row(lambda o: reverse("healthz"), anonymous=200),
    "login": Row(lambda o: reverse("login"), anonymous=200, default=302),
    # Signing out is POST only.
    "logout": Row(lambda o: reverse("logout"), anonymous=405, default=405),
    "password_change": Row(lambda o: reverse("password_change")),
    "password_change_done": Row(lambda o: reverse("password_change_done")),
    "password_reset": Row(lambda o: reverse("password_reset"), anonymous=200),
    "password_reset_done": Row(lambda o: reverse("password_reset_done"), anonymous=200),
    "password_reset_confirm": Row(
        lambda o: reverse("password_reset_confirm", args=["MQ", "set-password"]), anonymous=200
    ),
    "password_reset_complete": Row(lambda o: reverse("password_reset_complete"), anonymous=200),
    # The pipeline (issue 5): district admins; principals for their own school.
    "pipeline:audit_list": Row(
        lambda o: reverse("pipeline:audit_list"),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "pipeline:schools": Row(
        lambda o: reverse("pipeline:schools"),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    "pipeline:candidate_list": Row(
        lambda o: reverse("pipeline:candidate_list"),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    # The candidate list's school filter's suggestions: whoever the list is for.
    "pipeline:school_search": Row(
        lambda o: reverse("pipeline:school_search") + "?school=Maple",
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    "pipeline:candidate_export": Row(
        lambda o: reverse("pipeline:candidate_export", args=["csv"]),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    "pipeline:candidate_detail": Row(
        lambda o: reverse("pipeline:candidate_detail", args=[o["candidate"].pk]),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 404},
    ),
    "pipeline:candidate_change": Row(
        lambda o: reverse("pipeline:candidate_change", args=[o["candidate"].pk]),
        default=405,
        anonymous=405,
    ),
    "pipeline:roster_import": Row(
        lambda o: reverse("pipeline:roster_import"),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "pipeline:roster_template": Row(
        lambda o: reverse("pipeline:roster_template"),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "pipeline:roster_run": Row(
        lambda o: reverse("pipeline:roster_run", args=[o["run"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "pipeline:roster_status": Row(
        lambda o: reverse("pipeline:roster_status", args=[o["run"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "pipeline:roster_apply": Row(
        lambda o: reverse("pipeline:roster_apply", args=[o["run"].pk]),
        default=405,
        anonymous=405,
    ),
    "portrait:framework_case": Row(
        lambda o: reverse("portrait:framework_case"),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "portrait:framework_case_export": Row(
        lambda o: reverse("portrait:framework_case_export", args=[o["framework"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "pipeline:dashboard": Row(
        lambda o: reverse("pipeline:dashboard"),
        default=403,
        expect={"admin": 200, "principal": 200, "outsider": 200},
    ),
    "pipeline:demographics": Row(lambda o: reverse("pipeline:demographics")),
    # A person's leadership profile (issue 14): the person, the district's admins, the
    # principal of their school and their assigned coach (the cast's coach is not assigned);
    # facts for several people leave out, and count, those not shown to the viewer.
    "pipeline:person": Row(
        lambda o: reverse("pipeline:person", args=[o["candidate"].user_id]),
        default=403,
        expect={"admin": 200, "principal": 200, "teacher": 200, "outsider": 404},
    ),
    "pipeline:person_facts": Row(
        lambda o: reverse("pipeline:person_facts", args=[o["candidate"].user_id]),
        default=403,
        expect={"admin": 200, "principal": 200, "teacher": 200, "outsider": 404},
    ),
    "pipeline:people_facts": Row(
        lambda o: reverse("pipeline:people_facts") + f"?people={o['candidate'].user_id}"
    ),
    # Sign-in with the district's account (issue 16): the sign-in pages are public; a
    # provider's redirect URI without a sign-in started in this browser is refused (400).
    "sso:find": Row(lambda o: reverse("sso:find"), anonymous=200),
    "sso:district": Row(
        lambda o: reverse("sso:district", args=[o["candidate"].district.slug]), anonymous=200
    ),
    "sso:begin": Row(
        lambda o: reverse("sso:begin", args=[o["candidate"].district.slug, "oidc"]),
        anonymous=405,
        default=405,
    ),
    "sso:settings": Row(
        lambda o: reverse("sso:settings"), default=403, expect={"admin": 200, "outsider": 200}
    ),
    "sso:provider": Row(
        lambda o: reverse("sso:provider", args=["google"]),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "sso:linked": Row(lambda o: reverse("sso:linked")),
    "sso:unlink": Row(lambda o: reverse("sso:unlink", args=[1]), default=405),
    "google_callback": Row(lambda o: reverse("google_callback"), anonymous=400, default=400),
    "microsoft_callback": Row(lambda o: reverse("microsoft_callback"), anonymous=400, default=400),
    "clever_callback": Row(lambda o: reverse("clever_callback"), anonymous=400, default=400),
    "openid_connect_callback": Row(
        lambda o: reverse("openid_connect_callback", args=["maple-grove-oidc"]),
        anonymous=400,
        default=400,
    ),
}
