"""Applying a roster read by `files.py` to a district.

`sync(roster, district, write=...)` compares with the database and, when `write` is true,
makes the changes; the caller wraps a writing sync in one transaction (all or nothing).
Only schools and memberships that carry a `sourced_id` are managed by imports; people
added by hand are never deactivated. People and schools missing from a full import are
deactivated, never deleted.
"""

from leadership.models import Level, Membership, Role, School, User

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


def sync(roster, district, *, write, full=True, progress=None):
    """Compare the roster with the district; write the changes when `write`. Returns counts.

    `progress(done, total)` is called now and then while writing.
    """
    counts = _counts()
    schools = _sync_schools(roster, district, write, full, counts["schools"])
    people_memberships, by_user = {}, {}
    for m in Membership.objects.filter(district=district).select_related("user", "school"):
        if m.sourced_id:
            people_memberships.setdefault(m.sourced_id, []).append(m)
        by_user.setdefault(m.user_id, []).append(m)
    adopted = set()  # memberships a person took over from another sourcedId or by hand
    users_by_email = {
        u.email: u for u in User.objects.filter(email__in=[p.email for p in roster.people.values()])
    }
    total, done = roster.size, len(roster.schools)
    for sid, person in roster.people.items():
        existing = people_memberships.pop(sid, [])
        outcome = _sync_person(
            person, existing, users_by_email, by_user, adopted, schools, district, write
        )
        counts["people"][outcome] += 1
        done += 1
        if progress and write and done % 50 == 0:
            progress(done, total)
    if full:
        for sid, memberships in people_memberships.items():
            active = [m for m in memberships if m.is_active and m.pk not in adopted]
            if sid in roster.bad_ids or not active:
                continue
            counts["people"]["deactivated"] += 1
            if write:
                Membership.objects.filter(pk__in=[m.pk for m in active]).update(is_active=False)
    if progress and write:
        progress(total, total)
    return counts


def _sync_schools(roster, district, write, full, counts):
    existing = {
        s.sourced_id: s for s in School.objects.filter(district=district).exclude(sourced_id="")
    }
    by_name = {s.name: s for s in School.objects.filter(district=district, sourced_id="")}
    found = {}
    for sid, name in roster.schools.items():
        school = existing.pop(sid, None) or by_name.get(name)
        if school is None:
            counts["created"] += 1
            if write:
                school = School.objects.create(district=district, name=name, sourced_id=sid)
        elif (school.name, school.sourced_id, school.is_active) != (name, sid, True):
            counts["updated"] += 1
            if write:
                school.name, school.sourced_id, school.is_active = name, sid, True
                school.save(update_fields=["name", "sourced_id", "is_active"])
        else:
            counts["unchanged"] += 1
        found[sid] = school
    if full:
        for sid, school in existing.items():
            if school.is_active and sid not in roster.bad_ids:
                counts["deactivated"] += 1
                if write:
                    school.is_active = False
                    school.save(update_fields=["is_active"])
    return found


def _place(membership):
    return (membership.role, membership.school_id)


def _sync_person(person, existing, users_by_email, by_user, adopted, schools, district, write):
    """'created', 'updated' or 'unchanged' for one person (memberships follow sourcedId)."""
    user = existing[0].user if existing else users_by_email.get(person.email)
    changed = False
    if user is None:
        if write:
            user = User.objects.create_user(email=person.email, full_name=person.full_name)
            users_by_email[person.email] = user
        outcome = "created"
    else:
        outcome = None
        fields = []
        if user.full_name != person.full_name:
            user.full_name = person.full_name
            fields.append("full_name")
        # A new address follows the sourcedId, unless somebody else already uses it.
        if user.email != person.email and person.email not in users_by_email:
            user.email = person.email
            fields.append("email")
        if fields:
            changed = True
            if write:
                user.save(update_fields=fields)
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
            if write:
                Membership.objects.create(
                    user=user,
                    district=district,
                    role=role,
                    school=school,
                    level=LEVELS[role],
                    job_title=title,
                    sourced_id=person.sourced_id,
                )
        elif (membership.is_active, membership.sourced_id, membership.job_title) != (
            True,
            person.sourced_id,
            title,
        ):
            changed = True
            if write:
                membership.is_active = True
                membership.sourced_id = person.sourced_id
                membership.job_title = title
                membership.save(update_fields=["is_active", "sourced_id", "job_title"])
    leftover = [m.pk for m in mine.values() if m.is_active and m.sourced_id == person.sourced_id]
    if leftover:
        changed = True
        if write:
            Membership.objects.filter(pk__in=leftover).update(is_active=False)
    return outcome or ("updated" if changed else "unchanged")
