"""Reading roster files: a OneRoster 1.1/1.2 CSV bundle or our own CSV template.

`read(content, file_name)` only parses and checks rows (no database): every bad row is
kept with its file, line and reason; a file that cannot be used at all raises RosterError.
"""

import codecs
import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from django.core.validators import validate_email
from django.utils import timezone

from leadership.models import Role
from pipeline.succession import roster as succession_roster

# The largest upload read: a 150,000-person district's OneRoster bundle is a zip of about
# 15 MB and its Deep Bench CSV about 13 MB. A zip may unpack to ten times this.
MAX_MEGABYTES = 25
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
TOO_LARGE = (
    f"The file is larger than {MAX_MEGABYTES} MB. Export staff only (students and guardians "
    "are not read), or split the file by school and import each part without deactivating."
)
# The files of a OneRoster bundle that are read, and how much they may unpack to together:
# the sizes are those the zip's headers declare, and no member is read past its own.
BUNDLE_FILES = ("manifest.csv", "orgs.csv", "users.csv", "roles.csv")
MAX_UNPACKED = MAX_BYTES * 10
MAX_MEMBERS = 200  # an SIS bundle holds a dozen files
FORMULA_STARTS = ("=", "+", "-", "@")
# C0, DEL and C1 control characters: never in a name, and a spreadsheet that drops one can
# find a formula behind it (`\x01=HYPERLINK(...)`). Cells are trimmed of the whitespace
# among them first, then refused for any left, then checked for a formula. Stricter than
# leadership.text, which keeps tabs and line breaks for notes: a name or an id holds none.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Staff roles of OneRoster mapped to ours (students, guardians and the rest are ignored).
ONEROSTER_ROLES = {
    "teacher": Role.TEACHER,
    "aide": Role.TEACHER,
    "administrator": Role.PRINCIPAL,  # at a district org: district admin (see _role_at)
    "principal": Role.PRINCIPAL,
    "siteadministrator": Role.PRINCIPAL,
    "districtadministrator": Role.DISTRICT_ADMIN,
}
ONEROSTER_IGNORED = {"student", "guardian", "parent", "relative", "proctor", "extuser"}

SIMPLE_HEADER = ["person_id", "email", "full_name", "role", "school_id", "school_name", "job_title"]
SIMPLE_ROLES = {
    "teacher": Role.TEACHER,
    "coach": Role.COACH,
    "principal": Role.PRINCIPAL,
    "district_admin": Role.DISTRICT_ADMIN,
}
SIMPLE_EXAMPLE = [
    ["t-1001", "ana.lopez@example.org", "Ana Lopez", "teacher", "s-01", "Example Elementary", ""],
    ["p-2001", "ben.cho@example.org", "Ben Cho", "principal", "s-01", "Example Elementary", ""],
    ["d-3001", "cy.ames@example.org", "Cy Ames", "district_admin", "", "", "Superintendent"],
]


class RosterError(Exception):
    """The whole file is unusable (not a zip, a required file missing, a wrong header...)."""


@dataclass
class Person:
    sourced_id: str
    email: str
    full_name: str
    # {(role, school sourced_id or "")}: job titles ride along in `titles`
    places: set = field(default_factory=set)
    titles: dict = field(default_factory=dict)


@dataclass
class Roster:
    format: str
    version: str = ""
    schools: dict = field(default_factory=dict)  # sourced_id -> name
    people: dict = field(default_factory=dict)  # sourced_id -> Person
    errors: list = field(default_factory=list)  # {"file", "line", "reason"}
    bad_ids: set = field(default_factory=set)  # sourcedIds with a bad row: never deactivated
    emails: set = field(default_factory=set)  # emails of `people`, for the duplicate check
    terms: list = field(default_factory=list)  # dated leadership roles (succession/roster.py)
    listed_roles: set = field(default_factory=set)  # sourcedIds of leadership roles, bad rows too

    def error(self, file, line, reason, sourced_id=""):
        self.errors.append({"file": file, "line": line, "reason": reason})
        if sourced_id:
            self.bad_ids.add(sourced_id)

    @property
    def size(self):
        return len(self.schools) + len(self.people)


def read(content, file_name=""):
    """Parse a roster file; raises RosterError when the file as a whole cannot be used."""
    if len(content) > MAX_BYTES:
        raise RosterError(TOO_LARGE)
    if content[:2] == b"PK":
        return _read_oneroster(content)
    return _read_simple(content, file_name or "roster.csv")


def _rows(text, file, required):
    """(line number, row dict) for each data row; RosterError when a column is missing."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
        yield from _checked_rows(reader, header, file, required)
    except csv.Error as error:  # a quote left open, a cell longer than csv allows...
        raise RosterError(
            f"{file}, near line {reader.line_num + 1}: not readable as CSV "
            "(a quote left open, or a cell far too long)."
        ) from error


def _checked_rows(reader, header, file, required):
    missing = [name for name in required if name not in header]
    if missing:
        raise RosterError(
            f"{file}, line 1: the header lacks {', '.join(missing)}. "
            f"It must include: {', '.join(required)}."
        )
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


SAVE_AS_UTF8 = "Save it as “CSV UTF-8” and upload it again."


def _decode(data, file):
    """The text of a CSV file; RosterError for another encoding or a NUL (not text at all)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RosterError(f"{file} is UTF-16 text, not UTF-8. {SAVE_AS_UTF8}")
    if b"\x00" in data:  # no text holds one, and a database cannot keep it
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise RosterError(
            f"{file}, line {line}: a NUL character, so this is not a CSV text file "
            "(or it is saved as UTF-16). " + SAVE_AS_UTF8
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RosterError(
            f"{file}, line {line}: not UTF-8 text (perhaps Windows-1252 or Latin-1). "
            + SAVE_AS_UTF8
        ) from error


def _unsafe(row, columns):
    """Why a cell of `columns` cannot be kept (a control character, a formula), or None."""
    for column in columns:
        value = row.get(column, "")
        control = CONTROL_CHARACTER.search(value)
        if control:
            return f"The {column} cell holds a control character (U+{ord(control[0]):04X})."
        if value.startswith(FORMULA_STARTS):
            return f"The {column} cell starts with = + - or @ (a formula)."
    return None


def _open_zip(content):
    """The zip and its members that are read, by file name; RosterError for a forged or
    damaged archive, or one that would unpack to more than MAX_UNPACKED."""
    try:
        bundle = zipfile.ZipFile(io.BytesIO(content))
        infos = bundle.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise RosterError("The file is not a readable zip archive.") from error
    if len(infos) > MAX_MEMBERS:
        raise RosterError(f"The zip holds {len(infos)} files; a OneRoster bundle has a dozen.")
    members = {}
    for info in infos:
        path = info.filename.replace("\\", "/")
        if path.startswith("/") or ".." in path.split("/"):
            raise RosterError(
                f"The zip names a file outside itself ({path[:80]}), so it is refused."
            )
        name = path.rsplit("/", 1)[-1]
        if name in BUNDLE_FILES and name in members:
            raise RosterError(f"The zip holds {name} twice; a OneRoster bundle has one.")
        if name in BUNDLE_FILES:
            members[name] = info
    if sum(info.file_size for info in members.values()) > MAX_UNPACKED:
        raise RosterError(
            f"The zip's files unpack to more than {MAX_UNPACKED // 2**20} MB, "
            "which is more than is read."
        )
    return bundle, members


def _unpack(bundle, info, name):
    """A member's bytes, never more than its header declares (zipfile stops there)."""
    if info.flag_bits & 0x1:
        raise RosterError(f"{name} in the zip is password-protected; export it without one.")
    try:
        with bundle.open(info) as member:
            return member.read(info.file_size + 1)
    # zipfile's ways to say the headers lie: a bad checksum, a short or corrupt stream, an
    # offset before the start (ValueError), a method it cannot unpack (NotImplementedError).
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise RosterError(
            f"{name} in the zip is damaged: its contents do not match the size or checksum "
            "the zip declares for it. Export the bundle again."
        ) from error


def _read_oneroster(content):
    bundle, names = _open_zip(content)
    for required in ("manifest.csv", "orgs.csv", "users.csv"):
        if required not in names:
            raise RosterError(f"The zip has no {required}; a OneRoster bundle needs it.")

    def text(name):
        return _decode(_unpack(bundle, names[name], name), name)

    manifest = {
        row["propertyName"]: row["value"]
        for _, row in _rows(text("manifest.csv"), "manifest.csv", ["propertyName", "value"])
    }
    version = manifest.get("oneroster.version", "")
    if version not in ("1.1", "1.2"):
        raise RosterError(
            f"manifest.csv names OneRoster version “{version or 'none'}”; 1.1 and 1.2 are read."
        )
    if version == "1.2" and "roles.csv" not in names:
        raise RosterError("The zip has no roles.csv; a OneRoster 1.2 bundle needs it.")
    roster = Roster(format="oneroster", version=version)
    orgs = _read_orgs(roster, text("orgs.csv"))
    if version == "1.1":
        _read_users_11(roster, text("users.csv"), orgs)
    else:
        users = _read_users_12(roster, text("users.csv"))
        _read_roles_12(roster, text("roles.csv"), users, orgs)
    return roster


def _read_orgs(roster, text):
    """{sourcedId: (type, parentSourcedId)} of the usable orgs; schools go to the roster."""
    orgs, seen = {}, set()
    for line, row in _rows(text, "orgs.csv", ["sourcedId", "name", "type"]):
        sid = row["sourcedId"]
        if not sid:
            roster.error("orgs.csv", line, "The sourcedId is empty.")
            continue
        if sid in seen:
            roster.error("orgs.csv", line, f"The sourcedId {sid} appears twice.", sid)
            continue
        seen.add(sid)
        if row.get("status", "").lower() == "tobedeleted":
            continue
        bad = _unsafe(row, ["sourcedId", "name"])
        if bad:
            roster.error("orgs.csv", line, bad, sid)
            continue
        orgs[sid] = (row["type"].lower(), row.get("parentSourcedId", ""))
        if orgs[sid][0] == "school":
            if not row["name"]:
                roster.error("orgs.csv", line, "The school has no name.", sid)
                continue
            roster.schools[sid] = row["name"][:200]
    return orgs


def _counted_at(org_sid, orgs):
    """The org a role held at `org_sid` counts at, or None.

    A department counts at its parent (orgs.csv parentSourcedId), up to the school or
    district: SIS exports put a district's offices ("Curriculum & Instruction") and a
    school's departments there.
    """
    seen = set()
    while orgs.get(org_sid, ("",))[0] == "department" and org_sid not in seen:
        seen.add(org_sid)
        org_sid = orgs[org_sid][1]
    return None if org_sid in seen else org_sid


def _role_at(role, org_sid, orgs, roster):
    """Our role and the school's sourcedId ("" for the district), or a reason it is unusable."""
    ours = ONEROSTER_ROLES[role]
    if org_sid not in orgs:
        return None, None, f"The org {org_sid or '(empty)'} is not in orgs.csv."
    at = _counted_at(org_sid, orgs)
    if at not in orgs:  # a department whose parents lead nowhere usable, or in a circle
        return None, None, f"The department {org_sid} is under no school or district in orgs.csv."
    kind = orgs[at][0]
    if kind == "school" and at not in roster.schools:
        return None, None, f"The school {at} has a bad row in orgs.csv."
    if kind == "school":
        return ours, at, None
    if kind == "district" and role in ("administrator", "districtadministrator"):
        return Role.DISTRICT_ADMIN, "", None
    if ours == Role.DISTRICT_ADMIN:
        return None, None, "A district administrator must belong to a district org."
    where = org_sid if at == org_sid else f"{org_sid} (a department of {at})"
    return None, None, f"The org {where} is a {kind}, not a school."


def _person_from(roster, file, line, row):
    """A Person from a users.csv row, or None (with the error recorded)."""
    sid = row["sourcedId"]
    if not sid:
        roster.error(file, line, "The sourcedId is empty.")
        return None
    if row.get("status", "").lower() == "tobedeleted" or row.get("enabledUser", "").lower() in (
        "false",
        "0",
    ):
        return None
    bad = _unsafe(row, ["sourcedId", "email", "givenName", "familyName", "username"])
    if bad:
        roster.error(file, line, bad, sid)
        return None
    email = (row.get("email") or "").lower()
    try:
        validate_email(email)
    except Exception:
        roster.error(file, line, f"“{email or '(empty)'}” is not an email address.", sid)
        return None
    name = " ".join(p for p in (row.get("givenName"), row.get("familyName")) if p) or email
    return Person(sourced_id=sid, email=email, full_name=name[:150])


def _read_users_11(roster, text, orgs):
    seen = set()
    required = ["sourcedId", "orgSourcedIds", "role", "givenName", "familyName", "email"]
    for line, row in _rows(text, "users.csv", required):
        role = row["role"].lower()
        sid = row["sourcedId"]
        if sid in seen and sid:
            roster.error("users.csv", line, f"The sourcedId {sid} appears twice.", sid)
            continue
        seen.add(sid)
        if role in ONEROSTER_IGNORED:
            continue
        if role not in ONEROSTER_ROLES:
            roster.error("users.csv", line, f"The role “{row['role']}” is not known.", sid)
            continue
        person = _person_from(roster, "users.csv", line, row)
        if person is None:
            continue
        for org in [o.strip() for o in row["orgSourcedIds"].split(",") if o.strip()] or [""]:
            ours, school, reason = _role_at(role, org, orgs, roster)
            if reason:
                roster.error("users.csv", line, reason, sid)
                break
            person.places.add((ours, school))
        else:
            _add_person(roster, "users.csv", line, person)


def _add_person(roster, file, line, person):
    if person.email in roster.emails:
        roster.error(file, line, f"The email {person.email} belongs to two people.")
        roster.bad_ids.add(person.sourced_id)
        return
    roster.emails.add(person.email)
    roster.people[person.sourced_id] = person


def _read_users_12(roster, text):
    users, seen = {}, set()
    for line, row in _rows(text, "users.csv", ["sourcedId", "givenName", "familyName", "email"]):
        sid = row["sourcedId"]
        if sid in seen and sid:
            roster.error("users.csv", line, f"The sourcedId {sid} appears twice.", sid)
            users.pop(sid, None)
            continue
        seen.add(sid)
        users[sid] = (line, row)
    return users


def _read_roles_12(roster, text, users, orgs):
    today = timezone.localdate().isoformat()
    required = ["sourcedId", "userSourcedId", "role", "orgSourcedId"]
    people = {}
    for line, row in _rows(text, "roles.csv", required):
        role = row["role"].lower()
        user_sid = row["userSourcedId"]
        if row.get("status", "").lower() == "tobedeleted" or role in ONEROSTER_IGNORED:
            continue
        if role not in ONEROSTER_ROLES:
            roster.error("roles.csv", line, f"The role “{row['role']}” is not known.", user_sid)
            continue
        # Every leadership role, past and future too, is role history (issue 15).
        succession_roster.collect(roster, line, row, users, orgs, _counted_at)
        if row.get("beginDate") and row["beginDate"] > today:
            continue
        if row.get("endDate") and row["endDate"] < today:
            continue
        if user_sid not in users:
            roster.error("roles.csv", line, f"The user {user_sid} is not in users.csv.", user_sid)
            continue
        ours, school, reason = _role_at(role, row["orgSourcedId"], orgs, roster)
        if reason:
            roster.error("roles.csv", line, reason, user_sid)
            continue
        if user_sid not in people:
            user_line, user_row = users[user_sid]
            people[user_sid] = _person_from(roster, "users.csv", user_line, user_row)
        if people[user_sid] is not None:
            people[user_sid].places.add((ours, school))
    for sid, person in people.items():
        if person is not None and sid not in roster.bad_ids:
            _add_person(roster, "users.csv", users[sid][0], person)


def _read_simple(content, file_name):
    roster = Roster(format="simple")
    text = _decode(content, file_name)
    people = {}
    for line, row in _rows(text, file_name, SIMPLE_HEADER[:4]):
        sid = row["person_id"]
        bad = _unsafe(
            row, ["person_id", "email", "full_name", "school_id", "school_name", "job_title"]
        )
        if bad:
            roster.error(file_name, line, bad, sid)
            continue
        role = SIMPLE_ROLES.get(row["role"].lower())
        if not sid:
            roster.error(file_name, line, "The person_id is empty.")
            continue
        if role is None:
            roster.error(
                file_name,
                line,
                f"The role “{row['role']}” is not one of {', '.join(SIMPLE_ROLES)}.",
                sid,
            )
            continue
        school_sid, school_name = row.get("school_id", ""), row.get("school_name", "")
        if school_sid:
            known = roster.schools.setdefault(school_sid, school_name[:200])
            if not known:
                roster.error(file_name, line, f"The school {school_sid} has no name.", sid)
                continue
        elif role != Role.DISTRICT_ADMIN:
            roster.error(file_name, line, "The school_id is empty; this role needs a school.", sid)
            continue
        person = people.get(sid) or _person_from(
            roster,
            file_name,
            line,
            {"sourcedId": sid, "email": row["email"], "givenName": row["full_name"]},
        )
        if person is None:
            continue
        if person.email != row["email"].lower():
            roster.error(file_name, line, f"The person_id {sid} has two email addresses.", sid)
            continue
        people[sid] = person
        person.places.add((role, school_sid))
        if row.get("job_title"):
            person.titles[(role, school_sid)] = row["job_title"][:150]
    for sid, person in people.items():
        if sid not in roster.bad_ids:
            _add_person(roster, file_name, 0, person)
    return roster


def template_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SIMPLE_HEADER)
    writer.writerows(SIMPLE_EXAMPLE)
    return buffer.getvalue()
