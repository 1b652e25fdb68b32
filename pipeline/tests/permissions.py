"""URL-permission rows for succession (issue 15); see leadership/tests/permission_table.py.

Slates, departures and retirement dates are the district admins' alone: every principal,
teacher and coach gets 403 (none of them is a principal supervisor here), and the other
district's admin sees their own, empty, district (200) or nothing of ours (404)."""

from django.urls import reverse

from leadership.tests.permission_table import Row
from pipeline.models import Candidate, Stage
from pipeline.succession.models import SchoolSupervisor, SlateReadiness
from pipeline.tests import succession_data


def objects(cast):
    """A principal position at the principal's school: its holder, its slate with the
    teacher on it; a slate of a kind's expected openings; a principal supervisor."""
    principal = cast["principal"].memberships.get()
    district, school = principal.district, principal.school
    position = succession_data.position(district, school)
    term = succession_data.holder(position, "Hal Holder")
    teacher = cast["teacher"]
    candidate, _ = Candidate.objects.get_or_create(
        district=district, user=teacher, defaults={"school": school, "stage": Stage.READY_NOW}
    )
    slate = succession_data.slate(position, (candidate, SlateReadiness.READY_NOW))
    kind = succession_data.kind(district, "assistant_principal")
    kind_slate = kind.slates.create(district=district, level=kind.level)
    supervision = SchoolSupervisor.objects.create(
        district=district, supervisor=cast["coach"], school=school
    )
    return {
        "position": position,
        "term": term,
        "entry": slate.entries.get(),
        "kind": kind,
        "kind_slate": kind_slate,
        "supervision": supervision,
    }


def admins_only(url, outsider=404):
    return Row(url, default=403, expect={"admin": 200, "outsider": outsider})


def post_only(url):
    return Row(url, default=405, anonymous=405)


ROWS = {
    "pipeline:succession": admins_only(lambda o: reverse("pipeline:succession"), outsider=200),
    "pipeline:succession_export": admins_only(
        lambda o: reverse("pipeline:succession_export", args=["xlsx"]), outsider=200
    ),
    "pipeline:succession_people": admins_only(
        lambda o: reverse("pipeline:succession_people"), outsider=200
    ),
    # The school pickers' suggestions (a position's school, a supervisor's school).
    "pipeline:succession_school_search": admins_only(
        lambda o: reverse("pipeline:succession_school_search") + "?school=Maple", outsider=200
    ),
    "pipeline:succession_settings": admins_only(
        lambda o: reverse("pipeline:succession_settings"), outsider=200
    ),
    "pipeline:supervisor_add": post_only(lambda o: reverse("pipeline:supervisor_add")),
    "pipeline:supervisor_remove": post_only(
        lambda o: reverse("pipeline:supervisor_remove", args=[o["supervision"].pk])
    ),
    "pipeline:position_list": admins_only(
        lambda o: reverse("pipeline:position_list"), outsider=200
    ),
    "pipeline:position_add": admins_only(lambda o: reverse("pipeline:position_add"), outsider=200),
    "pipeline:position_kinds": admins_only(
        lambda o: reverse("pipeline:position_kinds"), outsider=200
    ),
    "pipeline:position_kind_edit": admins_only(
        lambda o: reverse("pipeline:position_kind_edit", args=[o["kind"].pk])
    ),
    "pipeline:position_detail": admins_only(
        lambda o: reverse("pipeline:position_detail", args=[o["position"].pk])
    ),
    "pipeline:position_edit": admins_only(
        lambda o: reverse("pipeline:position_edit", args=[o["position"].pk])
    ),
    "pipeline:term_add": admins_only(
        lambda o: reverse("pipeline:term_add", args=[o["position"].pk])
    ),
    "pipeline:term_edit": admins_only(lambda o: reverse("pipeline:term_edit", args=[o["term"].pk])),
    "pipeline:term_end": post_only(lambda o: reverse("pipeline:term_end", args=[o["term"].pk])),
    "pipeline:position_slate_add": post_only(
        lambda o: reverse("pipeline:position_slate_add", args=[o["position"].pk])
    ),
    "pipeline:position_fill": post_only(
        lambda o: reverse("pipeline:position_fill", args=[o["position"].pk])
    ),
    "pipeline:kind_slate_open": post_only(lambda o: reverse("pipeline:kind_slate_open")),
    "pipeline:slate_detail": admins_only(
        lambda o: reverse("pipeline:slate_detail", args=[o["kind_slate"].pk])
    ),
    "pipeline:slate_add": post_only(
        lambda o: reverse("pipeline:slate_add", args=[o["kind_slate"].pk])
    ),
    "pipeline:slate_entry_update": post_only(
        lambda o: reverse("pipeline:slate_entry_update", args=[o["entry"].pk])
    ),
    "pipeline:slate_entry_move": post_only(
        lambda o: reverse("pipeline:slate_entry_move", args=[o["entry"].pk])
    ),
    "pipeline:slate_entry_remove": post_only(
        lambda o: reverse("pipeline:slate_entry_remove", args=[o["entry"].pk])
    ),
}
