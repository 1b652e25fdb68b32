"""Applying a roster: one transaction, idempotent, deactivating and never deleting."""

from leadership.models import AuditEvent, Membership, Role, School, User
from pipeline.models import ImportRun
from pipeline.services import roster_import_apply, roster_import_preview
from pipeline.tasks import import_roster
from pipeline.tests.fixtures.oneroster import USERS_11, oneroster_11, oneroster_12, user


def preview(district, admin, content, full_sync=True):
    return roster_import_preview(
        district=district, actor=admin, file_name="sis.zip", content=content, full_sync=full_sync
    )


def apply(run, admin, skip=False, confirm=False):
    roster_import_apply(
        run=run, actor=admin, skip_bad_rows=skip, confirm_deactivations=confirm, enqueue=False
    )
    import_roster(run.pk)
    run.refresh_from_db()
    return run


def test_it_previews_without_writing(district, district_admin, school):
    run = preview(district, district_admin, oneroster_11())
    assert run.summary["schools"] == {"created": 1, "updated": 1, "deactivated": 0, "unchanged": 0}
    assert run.summary["people"]["created"] == 4
    assert not User.objects.filter(email="ada@maple.test").exists()
    assert School.objects.filter(district=district).count() == 1


def test_it_imports_a_11_bundle(district, district_admin, school):
    run = apply(preview(district, district_admin, oneroster_11()), district_admin)
    assert run.status == ImportRun.Status.DONE
    assert run.percent == 100
    school.refresh_from_db()
    assert school.sourced_id == "s1"  # the school added by hand is adopted by its name
    birch = School.objects.get(district=district, sourced_id="s2")
    ben = User.objects.get(email="ben@maple.test")
    assert ben.memberships.get().role == Role.PRINCIPAL
    assert ben.memberships.get().school == birch
    cleo = User.objects.get(email="cleo@maple.test")
    assert cleo.memberships.filter(sourced_id="u3").count() == 2
    assert User.objects.get(email="dora@maple.test").memberships.get().role == Role.DISTRICT_ADMIN
    assert not User.objects.filter(email="sam@maple.test").exists()
    assert AuditEvent.objects.filter(action="roster.import", district=district).count() == 1


def test_it_changes_nothing_when_the_same_file_comes_again(district, district_admin, school):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    before = list(Membership.objects.order_by("pk").values_list("pk", "is_active", "role"))
    second = preview(district, district_admin, oneroster_11())
    assert second.summary["people"] == {
        "created": 0,
        "updated": 0,
        "deactivated": 0,
        "unchanged": 4,
    }
    assert second.summary["schools"]["unchanged"] == 2
    apply(second, district_admin)
    assert list(Membership.objects.order_by("pk").values_list("pk", "is_active", "role")) == before


def test_it_deactivates_people_missing_from_a_full_import_never_deleting(
    district, district_admin, school
):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    run = preview(district, district_admin, oneroster_11(users=fewer))
    assert run.deactivating["people"] == [
        {"sourced_id": "u1", "name": "Ada Lovelace", "email": "ada@maple.test"}
    ]
    run = apply(run, district_admin, confirm=True)
    assert run.summary["people"]["deactivated"] == 1
    ada = User.objects.get(email="ada@maple.test")
    assert not ada.memberships.get().is_active
    # The admin who was added by hand (no sourcedId) is never touched.
    assert district_admin.memberships.get().is_active
    # Back in the file: active again.
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    assert ada.memberships.get().is_active


def test_it_deactivates_nobody_in_a_partial_import(district, district_admin, school):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    run = preview(district, district_admin, oneroster_11(users=fewer), full_sync=False)
    apply(run, district_admin)
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active


def test_memberships_follow_the_sourced_id_when_the_email_changes(district, district_admin, school):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    ada = User.objects.get(email="ada@maple.test")
    moved = [
        user("u1", "Ada", "King", "ada.king@maple.test", role="teacher", orgSourcedIds="s2")
        if u["sourcedId"] == "u1"
        else u
        for u in USERS_11
    ]
    apply(preview(district, district_admin, oneroster_11(users=moved)), district_admin)
    ada.refresh_from_db()
    assert ada.email == "ada.king@maple.test"
    assert ada.full_name == "Ada King"
    active = ada.memberships.filter(is_active=True).get()
    assert active.school.sourced_id == "s2"
    assert ada.memberships.filter(is_active=False).count() == 1


def test_it_imports_a_12_bundle(district, district_admin, school):
    run = apply(preview(district, district_admin, oneroster_12()), district_admin)
    assert run.status == ImportRun.Status.DONE
    ben = User.objects.get(email="ben@maple.test")
    assert set(ben.memberships.values_list("role", flat=True)) == {
        Role.PRINCIPAL,
        Role.DISTRICT_ADMIN,
    }
    assert not User.objects.filter(email__in=["eve@maple.test", "guardian@maple.test"]).exists()


def test_it_refuses_to_apply_a_file_with_bad_rows_unless_told_to_skip(
    district, district_admin, school
):
    import pytest
    from django.core.exceptions import ValidationError

    users = [
        *USERS_11,
        user("u9", "Ned", "N", "ned@maple.test", role="teacher", orgSourcedIds="s9"),
    ]
    run = preview(district, district_admin, oneroster_11(users=users))
    with pytest.raises(ValidationError):
        roster_import_apply(run=run, actor=district_admin, skip_bad_rows=False, enqueue=False)
    assert not User.objects.filter(email="ada@maple.test").exists()
    run = apply(run, district_admin, skip=True)
    assert run.status == ImportRun.Status.DONE
    assert User.objects.filter(email="ada@maple.test").exists()
    assert not User.objects.filter(email="ned@maple.test").exists()


def test_it_writes_nothing_when_the_import_fails_midway(
    district, district_admin, school, monkeypatch
):
    from pipeline.roster import changes as roster

    real = roster._sync_person
    calls = []

    def fail_on_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    run = preview(district, district_admin, oneroster_11())
    monkeypatch.setattr(roster, "_sync_person", fail_on_third)
    run = apply(run, district_admin)
    assert run.status == ImportRun.Status.FAILED
    assert "Nothing was changed" in run.message
    assert not User.objects.filter(email="ada@maple.test").exists()
    assert not School.objects.filter(sourced_id="s2").exists()


def test_running_the_task_twice_does_nothing_more(district, district_admin, school):
    run = apply(preview(district, district_admin, oneroster_11()), district_admin)
    assert import_roster(run.pk) == "skipped"
    assert AuditEvent.objects.filter(action="roster.import").count() == 1


def test_it_adopts_a_membership_added_by_hand_instead_of_doubling_it(
    district, district_admin, school, teacher
):
    """The cast's teacher was added by hand at the school the file names as s1."""
    users = [user("t9", "Tom", "Teacher", "teacher@maple.test", role="teacher", orgSourcedIds="s1")]
    run = apply(preview(district, district_admin, oneroster_11(users=users)), district_admin)
    assert run.status == ImportRun.Status.DONE
    membership = teacher.memberships.get()
    assert membership.sourced_id == "t9"
    assert membership.is_active


def test_memberships_follow_a_person_to_a_new_sourced_id(district, district_admin, school):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    ada = User.objects.get(email="ada@maple.test")
    renamed = [{**u, "sourcedId": "u1-new"} if u["sourcedId"] == "u1" else u for u in USERS_11]
    run = apply(preview(district, district_admin, oneroster_11(users=renamed)), district_admin)
    assert run.status == ImportRun.Status.DONE, run.message
    membership = ada.memberships.get()
    assert membership.sourced_id == "u1-new"
    assert membership.is_active
    assert run.summary["people"]["deactivated"] == 0


def test_it_refuses_a_full_sync_that_deactivates_without_a_confirmation(
    district, district_admin, school
):
    import pytest
    from django.core.exceptions import ValidationError

    apply(preview(district, district_admin, oneroster_11()), district_admin)
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    run = preview(district, district_admin, oneroster_11(users=fewer))
    with pytest.raises(ValidationError, match="confirm that 1 person will be deactivated"):
        roster_import_apply(run=run, actor=district_admin, skip_bad_rows=False, enqueue=False)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active


def test_a_full_sync_fails_if_it_would_deactivate_anyone_its_preview_did_not_show(
    district, district_admin, school
):
    apply(preview(district, district_admin, oneroster_11()), district_admin)
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    run = preview(district, district_admin, oneroster_11(users=fewer))
    roster_import_apply(
        run=run, actor=district_admin, skip_bad_rows=False, confirm_deactivations=True
    )
    # Before the worker gets to it, another import brings in somebody this file lacks.
    newcomer = [user("u9", "Nia", "New", "nia@maple.test", role="teacher", orgSourcedIds="s1")]
    apply(preview(district, district_admin, oneroster_11(users=newcomer), False), district_admin)
    import_roster(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "would also deactivate 1 person the preview did not show (Nia New)" in run.message
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active
    assert User.objects.get(email="nia@maple.test").memberships.get().is_active
