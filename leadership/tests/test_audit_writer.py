"""audit_log() records whatever text it is given: PostgreSQL cannot store a NUL, so none
may reach the row."""

from leadership.audit import audit_log
from leadership.models import AuditEvent


def test_it_drops_control_characters_from_the_summary_and_the_values(district, district_admin):
    audit_log(
        district=district,
        actor=district_admin,
        action="candidates.export",
        summary="Exported\x00 them",
        before={"q\x00": ["a\x00b", {"deep": "c\x1fd"}], "n": 3},
        after={"filters": {"q": "\x00"}, "note": "line\nbreak\tand tab"},
    )
    event = AuditEvent.objects.get()
    assert event.summary == "Exported them"
    assert event.before == {"q": ["ab", {"deep": "cd"}], "n": 3}
    assert event.after == {"filters": {"q": ""}, "note": "line\nbreak\tand tab"}
