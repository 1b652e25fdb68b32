"""Applying a roster read by `files.py` to a district.

`sync(roster, district, write=...)` compares with the database and, when `write` is true,
makes the changes; the caller wraps a writing sync in one transaction (all or nothing).
Only schools and memberships that carry a `sourced_id` are managed by imports; people
added by hand are never deactivated. People and schools missing from a full import are
deactivated, never deleted.

The comparison runs in memory, person by person in file order; the writes go out in
batches of BATCH people: new users and memberships with `bulk_create`, changed ones with
`bulk_update` of only the fields that changed, and the deactivations as one UPDATE.
"""

import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection
from django.utils import timezone

from leadership.models import Level, Membership, Role, School, User
from pipeline import figures
from pipeline.succession import roster as succession_roster

BATCH = 5000
MEMBERSHIP_FIELDS = ("is_active", "sourced_id", "job_title")
USER_FIELDS = ("user__email", "user__full_name")
LEVELS = {
    Role.TEACHER: Level.CLASSROOM,
    Role.COACH: Level.SCHOOL,
    Role.PRINCIPAL: Level.SCHOOL,
    Role.DISTRICT_ADMIN: Level.DISTRICT,
}


def _counts():
    return {
        "schools": {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 0},
        "people": {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 0},
    }


# Column types the PostgreSQL insert below sends as typed arrays; any other makes it fall
# back to bulk_create.
ARRAY_TYPES = ("varchar", "text", "integer", "bigint", "smallint", "boolean", "timestamp")


def _insert(model, rows, returning=None):
    """Insert `rows` (dicts of attname -> value; other fields take their defaults).

    On PostgreSQL each batch is one INSERT ... SELECT FROM unnest(one array per column),
    which skips building a model instance per row (most of bulk_create's time at 150,000
    rows); elsewhere bulk_create. With `returning` (an attname), returns {value: pk}.
    """
    if not rows:
        return {}
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    types = [f.db_type(connection) or "" for f in fields]
    if connection.vendor != "postgresql" or not all(t.startswith(ARRAY_TYPES) for t in types):
        objs = [model(**row) for row in rows]
        model.objects.bulk_create(objs, batch_size=BATCH)
        return {getattr(o, returning): o.pk for o in objs} if returning else {}
    defaults = {}
    for f in fields:
        if f.attname not in rows[0]:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            value = timezone.now() if auto else f.get_default()
            defaults[f.attname] = f.get_db_prep_save(value, connection)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) SELECT * FROM unnest({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(f"%s::{t}[]" for t in types),
    )
    if returning:
        column = model._meta.get_field(returning.removesuffix("_id")).column
        sql += f" RETURNING {quote(model._meta.pk.column)}, {quote(column)}"
    found = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            arrays = [
                [defaults[f.attname]] * len(batch)
                if f.attname in defaults
                else [row[f.attname] for row in batch]
                for f in fields
            ]
            cursor.execute(sql, arrays)
            if returning:
                found.update((value, pk) for pk, value in cursor.fetchall())
    return found


def _unusable_password():
    """What `set_unusable_password` stores: nobody signs in until they set a password."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


class _NewUser:
    """A person the import will create (written with the next batch)."""

    __slots__ = ("pk", "email", "full_name")

    def __init__(self, email, full_name):
        self.pk, self.email, self.full_name = None, email, full_name


def _bulk_update(model, changed):
    """`changed` maps each object to the fields that changed: one bulk_update per field set.
    `updated_at` moves too (bulk_update skips auto_now), so the API's updated_since sees it."""
    groups = {}
    now = timezone.now()
    for obj, fields in changed:
        obj.updated_at = now
        groups.setdefault(tuple(sorted({*fields, "updated_at"})), []).append(obj)
    for fields, objs in groups.items():
        model.objects.bulk_update(objs, fields, batch_size=BATCH)


def _deactivate(model, pks):
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH * 2):
        model.objects.filter(pk__in=pks[start : start + BATCH * 2]).update(
            is_active=False, updated_at=timezone.now()
        )


class _Writes:
    """The changes the comparison decided, kept in memory and written a batch at a time."""

    def __init__(self, memberships):
        self.saved = {m.pk: _state(m) for m in memberships}  # as the database holds them
        self.new_users, self.new_memberships = [], []
        self.users = {}  # pk -> (user, changed fields)
        self.touched = {}  # pk -> membership changed in memory

    def user_changed(self, user, fields):
        if user.pk is not None:
            known = self.users.get(user.pk, (user, set()))[1]
            self.users[user.pk] = (user, known | set(fields))

    def flush(self):
        rows = [
            {"email": u.email, "full_name": u.full_name, "password": _unusable_password()}
            for u in self.new_users
        ]
        ids = _insert(User, rows, returning="email")
        for user in self.new_users:
            user.pk = ids[user.email]
        _insert(Membership, [{**row, "user_id": user.pk} for user, row in self.new_memberships])
        _bulk_update(User, self.users.values())
        changed, off = [], []
        for pk, m in self.touched.items():
            now = _state(m)
            pairs = zip(MEMBERSHIP_FIELDS, self.saved[pk], now, strict=True)
            fields = [f for f, old, new in pairs if old != new]
            if fields == ["is_active"] and not m.is_active:
                off.append(pk)
            elif fields:
                changed.append((m, fields))
            self.saved[pk] = now
        _bulk_update(Membership, changed)
        _deactivate(Membership, off)
        self.new_users, self.new_memberships, self.users, self.touched = [], [], {}, {}


def _state(membership):
    return tuple(getattr(membership, f) for f in MEMBERSHIP_FIELDS)


def sync(roster, district, *, write, full=False, progress=None, leaving=None):
    """Compare the roster with the district; write the changes when `write`. Returns counts.

    `full` deactivates the people and schools missing from the roster. `leaving`, a dict,
    receives who that is: "people" [{sourced_id, name, email}] and "schools" [{sourced_id,
    name}], by name. `progress(done, total)` is called after each batch written.
    """
    counts = _counts()
    total = roster.size
    if leaving is None:
        leaving = {}
    leaving["people"], leaving["schools"] = [], []
    schools = _sync_schools(roster, district, write, full, counts["schools"], leaving["schools"])
    if progress and write:
        progress(len(roster.schools), total)
    # Only the columns compared (building 150,000 full instances of each takes seconds).
    found = Membership.objects.filter(district=district).select_related("user").order_by()
    memberships = list(found.only(*MEMBERSHIP_FIELDS, "role", "school_id", *USER_FIELDS))
    # One object per user, shared by their memberships and the email lookup, so that a
    # change made for one person is seen when another row meets the same user.
    users_by_id = {}
    for m in memberships:
        m.user = users_by_id.setdefault(m.user_id, m.user)
    # Users with a membership here are known already; only the other addresses are looked up.
    users_by_email = {u.email: u for u in users_by_id.values()}
    emails = [p.email for p in roster.people.values() if p.email not in users_by_email]
    for start in range(0, len(emails), BATCH):
        for u in User.objects.filter(email__in=emails[start : start + BATCH]):
            users_by_email[u.email] = users_by_id.get(u.pk, u)
    people_memberships, by_user = {}, {}
    for m in memberships:
        if m.sourced_id:
            people_memberships.setdefault(m.sourced_id, []).append(m)
        by_user.setdefault(m.user_id, []).append(m)
    writes = _Writes(memberships) if write else None
    adopted = set()  # memberships a person took over from another sourcedId or by hand
    done = len(roster.schools)
    for sid, person in roster.people.items():
        existing = people_memberships.pop(sid, [])
        outcome = _sync_person(
            person, existing, users_by_email, by_user, adopted, schools, district, writes
        )
        counts["people"][outcome] += 1
        done += 1
        if write and (done - len(roster.schools)) % BATCH == 0:
            writes.flush()
            if progress:
                progress(done, total)
    if full:
        for sid, memberships in people_memberships.items():
            active = [m for m in memberships if m.is_active and m.pk not in adopted]
            if sid in roster.bad_ids or not active:
                continue
            counts["people"]["deactivated"] += 1
            user = active[0].user
            leaving["people"].append(
                {"sourced_id": sid, "name": user.full_name, "email": user.email}
            )
            if write:
                for m in active:
                    m.is_active = False
                    writes.touched[m.pk] = m
    for found in leaving.values():
        found.sort(key=lambda row: (row["name"].casefold(), row["sourced_id"]))
    if write:
        writes.flush()
        figures.changed()  # bulk writes send no signals
        if progress:
            progress(total, total)
    succession_roster.apply(roster, district, write=write, counts=counts, full=full)  # roles
    return counts


def _sync_schools(roster, district, write, full, counts, leaving):
    existing = {
        s.sourced_id: s for s in School.objects.filter(district=district).exclude(sourced_id="")
    }
    by_name = {s.name: s for s in School.objects.filter(district=district, sourced_id="")}
    found, new, changed = {}, [], {}
    for sid, name in roster.schools.items():
        school = existing.pop(sid, None) or by_name.get(name)
        if school is None:
            counts["created"] += 1
            if write:
                school = School(district=district, name=name, sourced_id=sid)
                new.append(school)
        elif (school.name, school.sourced_id, school.is_active) != (name, sid, True):
            counts["updated"] += 1
            if write:
                school.name, school.sourced_id, school.is_active = name, sid, True
                changed[school.pk] = school
        else:
            counts["unchanged"] += 1
        found[sid] = school
    off = []
    if full:
        for sid, school in existing.items():
            if school.is_active and sid not in roster.bad_ids:
                counts["deactivated"] += 1
                off.append(school.pk)
                leaving.append({"sourced_id": sid, "name": school.name})
    if write:
        School.objects.bulk_create(new, batch_size=BATCH)
        fields = ["name", "sourced_id", "is_active"]
        _bulk_update(School, [(school, fields) for school in changed.values()])
        _deactivate(School, off)
    return found


def _place(membership):
    return (membership.role, membership.school_id)


def _sync_person(person, existing, users_by_email, by_user, adopted, schools, district, writes):
    """'created', 'updated' or 'unchanged' for one person (memberships follow sourcedId).

    Changes go into `writes` (None for a preview, which only counts).
    """
    user = existing[0].user if existing else users_by_email.get(person.email)
    changed = False
    if user is None:
        if writes is not None:
            user = _NewUser(person.email, person.full_name)
            writes.new_users.append(user)
            users_by_email[person.email] = user
        outcome = "created"
    else:
        outcome = None
        new = {}
        if user.full_name != person.full_name:
            new["full_name"] = person.full_name
        # A new address follows the sourcedId, unless somebody else already uses it.
        if user.email != person.email and person.email not in users_by_email:
            new["email"] = person.email
        if new:
            changed = True
            if writes is not None:
                for name, value in new.items():
                    setattr(user, name, value)
                writes.user_changed(user, new)
    mine = {_place(m): m for m in existing}
    # The person's other memberships for the same place (added by hand, or under an older
    # sourcedId) are taken over rather than doubled.
    for m in by_user.get(user.pk if user is not None else None, []):
        mine.setdefault(_place(m), m)
    for key in person.places:
        role, school_sid = key
        school = schools.get(school_sid) if school_sid else None
        # A school that does not exist yet (a preview) matches no membership.
        place = (role, school.pk if school else None if not school_sid else f"new:{school_sid}")
        membership = mine.pop(place, None)
        if membership is not None:
            adopted.add(membership.pk)
        title = person.titles.get(key, membership.job_title if membership else "")
        if membership is None:
            changed = True
            if writes is not None:
                row = {
                    "district_id": district.pk,
                    "role": role,
                    "school_id": school.pk if school else None,
                    "level": LEVELS[role],
                    "job_title": title,
                    "sourced_id": person.sourced_id,
                }
                writes.new_memberships.append((user, row))
        elif _state(membership) != (True, person.sourced_id, title):
            changed = True
            if writes is not None:
                membership.is_active = True
                membership.sourced_id = person.sourced_id
                membership.job_title = title
                writes.touched[membership.pk] = membership
    leftover = [m for m in mine.values() if m.is_active and m.sourced_id == person.sourced_id]
    if leftover:
        changed = True
        if writes is not None:
            for m in leftover:
                m.is_active = False
                writes.touched[m.pk] = m
    return outcome or ("updated" if changed else "unchanged")
