"""Role history from the roster (issue 15): in a OneRoster 1.2 bundle, a leadership role of
roles.csv with a beginDate becomes a dated RoleTerm of its school's (or the district office's)
position of that kind, and an ended role (an endDate in the past) is kept as history, not
dropped.

Which OneRoster roles are leadership positions (other roles carry no position):

    principal, siteAdministrator at a school                -> Principal
    administrator at a school                               -> Assistant principal
    administrator, districtAdministrator at the district    -> District director, district office

A role held at a department counts at the department's school or district (files.py
`_counted_at`). A role with no beginDate cannot be dated: it is counted as undated in the
preview and not added to the history. A person whose only roles have ended is not imported as
staff; they are added as a person without a sign-in, so that the history keeps who held the
role.

`collect` is called by pipeline/roster/files.py for every roles.csv row, current or not;
`apply` by pipeline/roster/changes.py after the people are written (for a preview, it only
counts). A term is found again by the role's sourcedId and its dates follow the file; a
position of the kind is found (or made) by kind and school, or kind and the district office.
Nothing is deleted. A role missing from a later file is left as it was, unless the import is a
full sync: then a term the roster made that is still open on the import's day and that
roles.csv no longer lists is ended on the day before the import (its last day in the position
as far as the roster knows; its start day, if it starts later), with the end reason "Ended in
the roster". A role the file lists on a bad row is never ended, nor is a term entered by hand
or made by a placement.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import F, Q
from django.utils import timezone

from leadership.models import School, User
from pipeline.succession.kinds import kinds_ensure_defaults
from pipeline.succession.models import Position, PositionKind, RoleTerm

ROLE_KINDS = {
    "principal": "principal",
    "siteadministrator": "principal",
    "administrator": "assistant_principal",
}
DISTRICT_ROLE_KINDS = {
    "administrator": "district_director",
    "districtadministrator": "district_director",
}
BATCH = 5000


@dataclass
class Term:
    sourced_id: str
    email: str
    name: str
    kind: str
    school: str  # the school's sourcedId; "" for the district office
    begin: datetime.date | None
    end: datetime.date | None


def _day(value):
    """A OneRoster date (YYYY-MM-DD, or a datetime starting with one); None when empty."""
    if not value:
        return None
    return datetime.date.fromisoformat(value[:10])


def _kind_at(role, at, roster, orgs):
    """The kind key and school sourcedId ("" for the district office) of a role held at the
    org `at`, or (None, None) when it is no leadership position."""
    if at in roster.schools:
        return ROLE_KINDS.get(role), at
    if orgs.get(at, ("",))[0] == "district" and role in DISTRICT_ROLE_KINDS:
        return DISTRICT_ROLE_KINDS[role], ""
    return None, None


def collect(roster, line, row, users, orgs, counted_at):
    """Keep a leadership role of roles.csv for the role history (any dates, past included).
    A date that is not one, or an end before the beginning, is a bad row."""
    role = row["role"].lower()
    if role not in ROLE_KINDS and role not in DISTRICT_ROLE_KINDS:
        return
    at = counted_at(row["orgSourcedId"], orgs)
    sourced_id = row.get("sourcedId") or f"{row['userSourcedId']}:{row['role']}:{at}"
    # Listed, usable or not: a full sync ends only the roles the file no longer lists.
    roster.listed_roles.add(sourced_id)
    kind, school = _kind_at(role, at, roster, orgs)
    user = users.get(row["userSourcedId"])
    if kind is None or user is None:
        return
    try:
        begin, end = _day(row.get("beginDate")), _day(row.get("endDate"))
    except ValueError:
        roster.error(
            "roles.csv",
            line,
            "The beginDate or endDate is not a date (YYYY-MM-DD).",
            row["userSourcedId"],
        )
        return
    if begin and end and end < begin:
        roster.error(
            "roles.csv", line, "The endDate is before the beginDate.", row["userSourcedId"]
        )
        return
    email = (user[1].get("email") or "").lower()
    name = " ".join(p for p in (user[1].get("givenName"), user[1].get("familyName")) if p)
    roster.terms.append(Term(sourced_id, email, name[:150] or email, kind, school, begin, end))


def _in_batches(model, field, values, **filters):
    values = sorted(values)
    for start in range(0, len(values), BATCH):
        yield from model.objects.filter(
            **{f"{field}__in": values[start : start + BATCH]}, **filters
        )


def apply(roster, district, *, write, counts, full=False):
    """Count (and, when `write`, make) the role history the roster's terms give; the people
    must be written first. With `full` (a full sync of a file with roles.csv), end the
    roster's terms the file no longer lists. Adds counts["roles"] ("deactivated": the terms
    ended)."""
    terms = getattr(roster, "terms", [])
    found = {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 0, "undated": 0}
    counts["roles"] = found
    dated = [t for t in terms if t.begin is not None]
    found["undated"] = len(terms) - len(dated)
    if full and roster.version == "1.2":  # a file without roles.csv lists no roles at all
        _end_unlisted(roster, district, write=write, found=found)
    if not dated:
        return
    if write:
        kinds_ensure_defaults(district=district)
    kinds = {k.key: k for k in PositionKind.objects.filter(district=district).exclude(key="")}
    schools = {
        s.sourced_id: s
        for s in School.objects.filter(
            district=district, sourced_id__in={t.school for t in dated if t.school}
        )
    }
    existing = {
        term.sourced_id: term
        for term in _in_batches(
            RoleTerm, "sourced_id", {t.sourced_id for t in dated}, district=district
        )
    }
    new, changed = [t for t in dated if t.sourced_id not in existing], []
    for term in dated:
        if term.sourced_id not in existing:
            continue
        held = existing[term.sourced_id]
        if (held.started_on, held.ended_on) == (term.begin, term.end):
            found["unchanged"] += 1
        else:
            found["updated"] += 1
            held.started_on, held.ended_on = term.begin, term.end
            held.updated_at = timezone.now()
            changed.append(held)
    found["created"] = len(new)
    if not write:
        return
    RoleTerm.objects.bulk_update(
        changed, ["started_on", "ended_on", "updated_at"], batch_size=BATCH
    )
    people = {u.email: u.pk for u in _in_batches(User, "email", {t.email for t in new})}
    # Somebody who held a role and has left has no membership: they are kept as a person of
    # the history (no sign-in), so that the role they held is not dropped.
    former = {t.email: t.name for t in new if t.email and t.email not in people}
    for made in User.objects.bulk_create(
        [
            User(email=email, full_name=name, password=make_password(None))
            for email, name in former.items()
        ],
        batch_size=BATCH,
    ):
        people[made.email] = made.pk
    positions = _positions(district, kinds, schools, new)
    RoleTerm.objects.bulk_create(
        [
            RoleTerm(
                district=district,
                position=positions[(term.kind, term.school)],
                person_id=people[term.email],
                started_on=term.begin,
                ended_on=term.end,
                end_reason=RoleTerm.EndReason.ROSTER if term.end else "",
                source=RoleTerm.Source.ROSTER,
                sourced_id=term.sourced_id,
            )
            for term in new
            if term.email in people
        ],
        batch_size=BATCH,
    )


def _end_unlisted(roster, district, *, write, found):
    """End (when `write`; count in any case) the district's roster-made terms still open on
    the import's day whose role the file no longer lists: on the day before the import, or
    on their start day if they start later. Never deleted."""
    today = timezone.localdate()
    last_day = today - datetime.timedelta(days=1)
    open_terms = (
        RoleTerm.objects.filter(district=district, source=RoleTerm.Source.ROSTER)
        .exclude(sourced_id="")
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("pk", "sourced_id", "started_on")
    )
    gone = [(pk, started) for pk, sid, started in open_terms if sid not in roster.listed_roles]
    found["deactivated"] = len(gone)
    if not write or not gone:
        return
    began = sorted(pk for pk, started in gone if started <= last_day)
    later = sorted(pk for pk, started in gone if started > last_day)
    fields = {"end_reason": RoleTerm.EndReason.ROSTER, "updated_at": timezone.now()}
    for pks, ended_on in ((began, last_day), (later, F("started_on"))):
        for start in range(0, len(pks), BATCH):
            RoleTerm.objects.filter(pk__in=pks[start : start + BATCH]).update(
                ended_on=ended_on, **fields
            )


def _positions(district, kinds, schools, terms):
    """{(kind key, school sourcedId or ""): Position} for the terms, made where missing; ""
    is the district office."""
    wanted = {(t.kind, t.school) for t in terms}
    by_place = {}
    for position in Position.objects.filter(
        district=district, kind__in=[kinds[k] for k, _ in wanted]
    ).order_by("pk"):
        by_place.setdefault((position.kind_id, position.school_id), position)
    found, missing = {}, []
    for kind, school in wanted:
        place = schools[school] if school else None
        position = by_place.get((kinds[kind].pk, place.pk if place else None))
        if position is None:
            position = Position(
                district=district,
                kind=kinds[kind],
                school=place,
                level=kinds[kind].level,
                sourced_id=f"roster:{kind}:{school or 'district'}",
            )
            missing.append(position)
        found[(kind, school)] = position
    Position.objects.bulk_create(missing, batch_size=BATCH)
    return found
