"""Reading roster files: OneRoster 1.1 and 1.2 bundles, our CSV, and every kind of bad input."""

import pytest

from leadership.models import Role
from pipeline.roster import MAX_BYTES, RosterError, read
from pipeline.tests.fixtures.oneroster import (
    DEPARTMENTS,
    ORGS,
    USERS_11,
    oneroster_11,
    oneroster_12,
    simple_csv,
    user,
)


def test_it_reads_a_oneroster_11_bundle():
    roster = read(oneroster_11(), "sis.zip")
    assert roster.version == "1.1"
    assert roster.schools == {"s1": "Maple Grove Middle School", "s2": "Birch Elementary"}
    assert set(roster.people) == {"u1", "u2", "u3", "u5"}  # the student is left out
    assert roster.people["u1"].places == {(Role.TEACHER, "s1")}
    assert roster.people["u2"].places == {(Role.PRINCIPAL, "s2")}
    assert roster.people["u3"].places == {(Role.TEACHER, "s1"), (Role.TEACHER, "s2")}
    assert roster.people["u5"].places == {(Role.DISTRICT_ADMIN, "")}
    assert roster.errors == []


def test_it_reads_dated_roles_at_several_orgs_in_a_12_bundle():
    roster = read(oneroster_12(), "sis.zip")
    assert roster.version == "1.2"
    assert set(roster.people) == {"u1", "u2"}  # u6's role ended, u7 is a guardian
    assert roster.people["u1"].places == {(Role.TEACHER, "s1"), (Role.TEACHER, "s2")}
    assert roster.people["u2"].places == {(Role.PRINCIPAL, "s2"), (Role.DISTRICT_ADMIN, "")}
    assert roster.errors == []


def test_it_refuses_a_zip_without_users():
    with pytest.raises(RosterError, match="no users.csv"):
        read(oneroster_11(skip=["users.csv"]))


def test_it_refuses_a_12_bundle_without_roles():
    with pytest.raises(RosterError, match="no roles.csv"):
        read(oneroster_12(skip=["roles.csv"]))


def test_it_refuses_a_wrong_header():
    bad = oneroster_11(extra={"users.csv": "id,name,mail\n1,Ada,ada@maple.test\n"})
    with pytest.raises(RosterError, match="users.csv, line 1: the header lacks sourcedId"):
        read(bad)


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(RosterError, match="larger than"):
        read(b"x" * (MAX_BYTES + 1))


def test_it_refuses_a_broken_zip():
    with pytest.raises(RosterError, match="not a readable zip"):
        read(b"PK\x03\x04 not really")


def test_it_reports_an_unknown_school_with_file_and_line():
    users = [
        *USERS_11,
        user("u9", "Ned", "Nowhere", "ned@maple.test", role="teacher", orgSourcedIds="s99"),
    ]
    roster = read(oneroster_11(users=users))
    assert {
        "file": "users.csv",
        "line": 7,
        "reason": "The org s99 is not in orgs.csv.",
    } in roster.errors
    assert "u9" not in roster.people


def test_it_reports_duplicate_sourced_ids():
    users = [
        *USERS_11,
        user("u1", "Ada", "Again", "ada2@maple.test", role="teacher", orgSourcedIds="s1"),
    ]
    roster = read(oneroster_11(users=users))
    assert any("u1 appears twice" in e["reason"] for e in roster.errors)
    orgs = [*ORGS, {"sourcedId": "s1", "name": "Copy", "type": "school"}]
    roster = read(oneroster_11(orgs=orgs))
    assert any(e["file"] == "orgs.csv" and "appears twice" in e["reason"] for e in roster.errors)


def test_it_reports_formulas_in_cells():
    users = [
        user("u1", "=cmd|'/c calc'!A1", "X", "ada@maple.test", role="teacher", orgSourcedIds="s1")
    ]
    roster = read(oneroster_11(users=users))
    assert roster.errors[0]["line"] == 2
    assert "formula" in roster.errors[0]["reason"]
    assert roster.people == {}


def test_it_reports_an_unknown_role_and_a_bad_email():
    users = [
        user("u1", "Ada", "L", "ada@maple.test", role="wizard", orgSourcedIds="s1"),
        user("u2", "Ben", "O", "not-an-email", role="teacher", orgSourcedIds="s1"),
    ]
    reasons = [e["reason"] for e in read(oneroster_11(users=users)).errors]
    assert "The role “wizard” is not known." in reasons
    assert "“not-an-email” is not an email address." in reasons


def test_it_reads_our_simple_csv():
    content = simple_csv(
        [
            {
                "person_id": "p1",
                "email": "Ada@Maple.test",
                "full_name": "Ada L",
                "role": "teacher",
                "school_id": "s1",
                "school_name": "Maple Grove Middle School",
                "job_title": "Math teacher",
            },
            {
                "person_id": "p1",
                "email": "ada@maple.test",
                "full_name": "Ada L",
                "role": "coach",
                "school_id": "s2",
                "school_name": "Birch",
            },
            {
                "person_id": "p2",
                "email": "dee@maple.test",
                "full_name": "Dee",
                "role": "district_admin",
            },
        ]
    )
    roster = read(content, "staff.csv")
    assert roster.format == "simple"
    assert roster.people["p1"].places == {(Role.TEACHER, "s1"), (Role.COACH, "s2")}
    assert roster.people["p1"].email == "ada@maple.test"
    assert roster.people["p2"].places == {(Role.DISTRICT_ADMIN, "")}
    assert roster.errors == []


def test_it_reports_bad_rows_of_our_csv():
    content = simple_csv(
        [
            {"person_id": "p1", "email": "ada@maple.test", "full_name": "Ada", "role": "teacher"},
            {
                "person_id": "p2",
                "email": "ben@maple.test",
                "full_name": "+Ben",
                "role": "teacher",
                "school_id": "s1",
                "school_name": "M",
            },
            {
                "person_id": "p3",
                "email": "cy@maple.test",
                "full_name": "Cy",
                "role": "janitor",
                "school_id": "s1",
                "school_name": "M",
            },
        ]
    )
    errors = read(content, "staff.csv").errors
    assert [(e["file"], e["line"]) for e in errors] == [
        ("staff.csv", 2),
        ("staff.csv", 3),
        ("staff.csv", 4),
    ]


def test_it_refuses_our_csv_with_a_wrong_header():
    with pytest.raises(RosterError, match="staff.csv, line 1"):
        read(b"name,mail\nAda,ada@maple.test\n", "staff.csv")


def test_it_keeps_the_first_of_two_people_with_one_email():
    users = [
        *USERS_11,
        user("u8", "Ada", "Twin", "ADA@maple.test", role="teacher", orgSourcedIds="s1"),
    ]
    roster = read(oneroster_11(users=users), "sis.zip")
    assert "u1" in roster.people and "u8" not in roster.people
    reasons = [e["reason"] for e in roster.errors]
    assert reasons == ["The email ada@maple.test belongs to two people."]
    assert "u8" in roster.bad_ids


def test_it_explains_a_csv_it_cannot_parse():
    with pytest.raises(RosterError, match="r.csv, near line 2: not readable as CSV"):
        read(b"person_id,email,full_name,role\n" + b"x" * 200_000 + b",a,b,c\n", "r.csv")


def role(sid, user_sid, name, org):
    return {"sourcedId": sid, "userSourcedId": user_sid, "role": name, "orgSourcedId": org}


def test_a_role_at_a_department_counts_at_its_school_or_district():
    roles = [
        role("r1", "u1", "districtAdministrator", "c1"),  # district office
        role("r2", "u2", "teacher", "m1"),  # a school's department
        role("r3", "u6", "teacher", "m2"),  # a department inside that one
        role("r4", "u7", "administrator", "c1"),
    ]
    roster = read(oneroster_12(roles=roles, orgs=[*ORGS, *DEPARTMENTS]), "sis.zip")
    assert roster.errors == []
    assert roster.people["u1"].places == {(Role.DISTRICT_ADMIN, "")}
    assert roster.people["u2"].places == {(Role.TEACHER, "s1")}
    assert roster.people["u6"].places == {(Role.TEACHER, "s1")}
    assert roster.people["u7"].places == {(Role.DISTRICT_ADMIN, "")}
    assert set(roster.schools) == {"s1", "s2"}  # a department is not a school


def test_it_reports_a_department_under_no_school_or_district():
    orgs = [
        *ORGS,
        {"sourcedId": "x1", "name": "Orphan", "type": "department"},
        {"sourcedId": "x2", "name": "Loop A", "type": "department", "parentSourcedId": "x3"},
        {"sourcedId": "x3", "name": "Loop B", "type": "department", "parentSourcedId": "x2"},
        {"sourcedId": "x4", "name": "Gone", "type": "department", "parentSourcedId": "s99"},
    ]
    roles = [
        role("r1", "u1", "teacher", "x1"),
        role("r2", "u2", "teacher", "x2"),
        role("r3", "u6", "teacher", "x4"),
        role("r4", "u7", "teacher", "c1"),
    ]
    roster = read(oneroster_12(roles=roles, orgs=[*orgs, *DEPARTMENTS]), "sis.zip")
    assert [e["reason"] for e in roster.errors] == [
        "The department x1 is under no school or district in orgs.csv.",
        "The department x2 is under no school or district in orgs.csv.",
        "The department x4 is under no school or district in orgs.csv.",
        "The org c1 (a department of d1) is a district, not a school.",
    ]
    assert roster.people == {}


def test_a_11_user_at_a_department_counts_at_its_parent():
    users = [
        user("u1", "Ada", "L", "ada@maple.test", role="teacher", orgSourcedIds="m1,s2"),
        user("u5", "Dora", "D", "dora@maple.test", role="administrator", orgSourcedIds="c1"),
    ]
    roster = read(oneroster_11(users=users, orgs=[*ORGS, *DEPARTMENTS]), "sis.zip")
    assert roster.errors == []
    assert roster.people["u1"].places == {(Role.TEACHER, "s1"), (Role.TEACHER, "s2")}
    assert roster.people["u5"].places == {(Role.DISTRICT_ADMIN, "")}
