import pytest
from django.core.management import CommandError, call_command

from leadership.models import User
from pipeline.models import ImportRun
from pipeline.tests.fixtures.oneroster import USERS_11, oneroster_11, user


def test_it_imports_a_file(district, school, tmp_path, capsys):
    path = tmp_path / "sis.zip"
    path.write_bytes(oneroster_11())
    call_command("import_roster", str(path), "--district", district.slug)
    assert "Imported. schools: 1 created, 1 updated" in capsys.readouterr().out
    assert User.objects.filter(email="ada@maple.test").exists()
    call_command("import_roster", str(path), "--district", district.slug)
    assert "people: 0 created, 0 updated, 0 deactivated, 4 unchanged" in capsys.readouterr().out
    assert ImportRun.objects.filter(status="done").count() == 2


def test_it_previews_only_on_a_dry_run(district, school, tmp_path, capsys):
    path = tmp_path / "sis.zip"
    path.write_bytes(oneroster_11())
    call_command("import_roster", str(path), "--dry-run")
    assert "Preview." in capsys.readouterr().out
    assert not User.objects.filter(email="ada@maple.test").exists()


def test_it_stops_on_bad_rows_and_names_them(district, school, tmp_path, capsys):
    users = [
        *USERS_11,
        user("u9", "Ned", "N", "ned@maple.test", role="teacher", orgSourcedIds="s9"),
    ]
    path = tmp_path / "sis.zip"
    path.write_bytes(oneroster_11(users=users))
    with pytest.raises(CommandError, match="rows with problems"):
        call_command("import_roster", str(path))
    assert "users.csv, line 7: The org s9 is not in orgs.csv." in capsys.readouterr().err
    assert not User.objects.filter(email="ada@maple.test").exists()
    call_command("import_roster", str(path), "--skip-bad-rows")
    assert User.objects.filter(email="ada@maple.test").exists()


def test_it_explains_an_unreadable_file(district, tmp_path):
    path = tmp_path / "sis.zip"
    path.write_bytes(oneroster_11(skip=["orgs.csv"]))
    with pytest.raises(CommandError, match="no orgs.csv"):
        call_command("import_roster", str(path))


def imported_then_fewer(tmp_path):
    """Imports the whole file; returns the path of one without Ada (u1)."""
    path, fewer = tmp_path / "sis.zip", tmp_path / "fewer.zip"
    path.write_bytes(oneroster_11())
    fewer.write_bytes(oneroster_11(users=[u for u in USERS_11 if u["sourcedId"] != "u1"]))
    call_command("import_roster", str(path))
    return fewer


def test_it_deactivates_nobody_without_full_sync(district, school, tmp_path, capsys):
    fewer = imported_then_fewer(tmp_path)
    call_command("import_roster", str(fewer))
    call_command("import_roster", str(fewer), "--partial")  # still accepted
    assert "0 deactivated, 3 unchanged" in capsys.readouterr().out
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active
    with pytest.raises(CommandError, match="one of --full-sync and --partial"):
        call_command("import_roster", str(fewer), "--partial", "--full-sync")


def test_it_lists_who_a_full_sync_deactivates_and_asks_first(
    district, school, tmp_path, capsys, monkeypatch
):
    fewer = imported_then_fewer(tmp_path)
    answers = iter(["no", "yes"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="Nothing was applied"):
        call_command("import_roster", str(fewer), "--full-sync")
    out = capsys.readouterr().out
    assert "1 person will be deactivated:\n  Ada Lovelace <ada@maple.test> (u1)" in out
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active
    call_command("import_roster", str(fewer), "--full-sync")
    assert not User.objects.get(email="ada@maple.test").memberships.get().is_active


def test_it_applies_a_full_sync_without_asking_when_told(district, school, tmp_path, capsys):
    fewer = imported_then_fewer(tmp_path)
    call_command("import_roster", str(fewer), "--full-sync", "--no-input")
    assert "people: 0 created, 0 updated, 1 deactivated" in capsys.readouterr().out
    assert not User.objects.get(email="ada@maple.test").memberships.get().is_active
