"""The fair reach the database keeps per school equals a count from the rows, after any
series of changes, however they are written (saves, update(), bulk inserts, cascades)."""

import datetime
import random

import pytest
from django.db import connection, transaction
from django.utils import timezone

from conftest import make_person
from leadership.models import Level, Membership, Role, School, User
from leadership.school_year import school_year_start
from opportunities import kept_reach, reach
from opportunities.models import Application, ExperienceEntry, Opportunity
from opportunities.tests.conftest import sent
from pipeline import kept as kept_counts


def _schools_sql(schools):
    return (", ".join(["%s"] * len(schools)), [s.pk for s in schools])


def both(district, schools, today):
    """(kept, counted from the rows) per school and across, as the pages read them, and the
    whole district's applications by level."""

    def read():
        with reach.counted_together():
            return (
                reach.reach_by_school(district, schools, today=today),
                reach.staff_led_share(district, schools, today=today),
                reach.reach_by_level(district, today=today),
            )

    kept = read()
    with reach.afresh():
        counted = read()
    return kept, counted


def assert_kept_is_used(district, schools, today):
    assert kept_reach.counts(district.pk, _schools_sql(schools), today, across=True) is not None


class Changes:
    def __init__(self, rng, district, schools, opportunities):
        self.rng, self.district, self.schools = rng, district, schools
        self.opportunities = opportunities
        self.made = 0
        self.in_both = []  # people who work in this district and another
        self.today = timezone.localdate()
        self.since = school_year_start(self.today)

    def person(self):
        found = list(User.objects.filter(memberships__district=self.district).order_by("pk"))
        return self.rng.choice(found)

    def hire(self):
        self.made += 1
        make_person(
            f"kept{self.made}@maple.test",
            f"Kept {self.made}",
            self.district,
            Role.TEACHER,
            self.rng.choice(self.schools),
        )

    def second_school(self):
        Membership.objects.get_or_create(
            user=self.person(),
            district=self.district,
            role=Role.COACH,
            school=self.rng.choice(self.schools),
        )

    def membership_by_update(self):
        """update() sends no signal: only the database sees it."""
        found = Membership.objects.filter(
            district=self.district, school__isnull=False, role__in=[Role.TEACHER, Role.COACH]
        )
        found = list(found.order_by("pk"))
        one = self.rng.choice(found)
        Membership.objects.filter(pk=one.pk).update(
            **self.rng.choice(
                [
                    {"is_active": not one.is_active},
                    {"school": self.rng.choice(self.schools)},
                    {"school": None},
                ]
            )
        )

    def leave_by_bulk_delete(self):
        person = self.person()
        Membership.objects.filter(user=person, role=Role.COACH).delete()

    def apply(self):
        opportunity = self.rng.choice(self.opportunities)
        person = self.person()
        if self.in_both and self.rng.random() < 0.4:
            person = self.rng.choice(self.in_both)  # if still here
            if not person.memberships.exists():
                return
        if Application.objects.filter(opportunity=opportunity, applicant=person).exists():
            return
        sent(opportunity, person, status=self.rng.choice(["submitted", "selected", "draft"]))

    def decide(self):
        found = list(Application.objects.filter(opportunity__district=self.district))
        if not found:
            return
        one = self.rng.choice(found)
        now = timezone.now()
        before = now - datetime.timedelta(days=500)
        status, submitted, decided = self.rng.choice(
            [
                ("selected", now, now),
                ("selected", before, now),
                ("selected", before, before),
                ("not_selected", now, now),
                ("withdrawn", now, None),
                ("submitted", before, None),
                ("draft", None, None),
            ]
        )
        Application.objects.filter(pk=one.pk).update(
            status=status, submitted_at=submitted, decided_at=decided
        )

    def record(self):
        start, end = self.rng.choice(
            [
                (self.since - datetime.timedelta(days=300), None),
                (self.since - datetime.timedelta(days=300), self.since - datetime.timedelta(1)),
                (self.since - datetime.timedelta(days=300), self.since),
                (self.today + datetime.timedelta(days=3), None),
                (self.today, self.today + datetime.timedelta(days=10)),
            ]
        )
        ExperienceEntry.objects.create(
            district=self.district,
            person=self.person(),
            title="Grade team lead",
            started_on=start,
            ended_on=end,
            source="outside",
        )

    def change_record(self):
        found = list(ExperienceEntry.objects.filter(district=self.district).order_by("pk"))
        if not found:
            return
        one = self.rng.choice(found)
        if self.rng.random() < 0.3:
            one.delete()
        else:  # the end moves, or the start
            ExperienceEntry.objects.filter(pk=one.pk).update(
                **self.rng.choice(
                    [
                        {
                            "started_on": self.since - datetime.timedelta(days=300),
                            "ended_on": self.since - datetime.timedelta(days=1),
                        },
                        {"ended_on": None},
                        {"started_on": self.today + datetime.timedelta(days=20), "ended_on": None},
                        {"started_on": self.since - datetime.timedelta(days=2), "ended_on": None},
                    ]
                )
            )

    def close_opportunity(self):
        """Deleting an opportunity deletes its applications (a cascade)."""
        if len(self.opportunities) > 1 and self.rng.random() < 0.3:
            self.opportunities.pop(self.rng.randrange(len(self.opportunities))).delete()

    def move_opportunity(self):
        """Only the Django admin can move an opportunity to another district: its applicants
        are counted again in both."""
        one = self.rng.choice(self.opportunities)
        to = self.elsewhere if one.district_id == self.district.pk else self.district
        Opportunity.objects.filter(pk=one.pk).update(district=to)
        one.district_id = to.pk

    def delete_person(self):
        person = self.person()
        if not person.memberships.filter(role__in=[Role.DISTRICT_ADMIN, Role.PRINCIPAL]).exists():
            person.delete()

    def level_opportunity(self):
        """Its applications move to the level it now develops."""
        one = self.rng.choice(self.opportunities)
        Opportunity.objects.filter(pk=one.pk).update(level=self.rng.choice(Level.values))

    CHANGES = [
        hire,
        hire,
        second_school,
        second_school,
        apply,
        membership_by_update,
        leave_by_bulk_delete,
        apply,
        apply,
        decide,
        record,
        record,
        change_record,
        close_opportunity,
        move_opportunity,
        move_opportunity,
        delete_person,
        level_opportunity,
    ]


@pytest.mark.parametrize("seed", [3, 77])
def test_kept_reach_equals_a_count_from_the_rows_after_every_change(
    seed, cast, district, other_district, school, other_school, make_opportunity
):
    third = School.objects.create(district=district, name="Maple Grove Elementary")
    elsewhere = School.objects.create(district=other_district, name="Birch Middle")
    make_person("elsewhere@birch.test", "Elsewhere", other_district, Role.TEACHER, elsewhere)
    schools = [school, other_school, third]
    rng = random.Random(seed)
    changes = Changes(rng, district, schools, [make_opportunity(title=f"Lead {i}") for i in "AB"])
    changes.elsewhere = other_district
    # Two people work in both districts: what they did counts in each district where it was.
    for person in (cast["teacher"], cast["coach"]):
        Membership.objects.create(
            user=person, district=other_district, role=Role.TEACHER, school=elsewhere
        )
        changes.in_both.append(person)
    today = changes.today
    days = [today, today + datetime.timedelta(days=5), today + datetime.timedelta(days=25)]
    # Later days of the same school year only: the next one begins the day after the last.
    days = [day for day in days if school_year_start(day) == changes.since]
    done, seen = [], set()
    for step in range(60):
        change = rng.choice(Changes.CHANGES)
        change(changes)
        done.append(f"{step}: {change.__name__}")
        for day in days:
            for picked in (schools, schools[:1], [other_school, third]):
                assert_kept_is_used(district, picked, day)
                kept, counted = both(district, picked, day)
                assert kept == counted, f"differs on {day} for {picked} after {done}"
                rows, share, levels = kept
                seen.update(key for row in rows for key in ("applied", "selected") if row[key])
                seen.update(["by level"] if any(row["applied"] for row in levels) else [])
                seen.update(["led"] if share["led"] else [])
                seen.update(["twice"] if share["staff"] < sum(r["staff"] for r in rows) else [])
            kept, counted = both(other_district, [elsewhere], day)
            assert kept == counted, f"the other district differs on {day} after {done}"
            seen.update(["elsewhere"] if kept[0][0]["applied"] else [])
    # Something was counted: people applied, were selected, led, worked at two schools.
    assert seen == {"applied", "selected", "led", "twice", "elsewhere", "by level"}
    # The other district's rows are its own.
    other = both(other_district, [elsewhere], today)
    assert other[0] == other[1] and other[0][1]["staff"] >= 1


def test_a_bulk_writer_pauses_the_triggers_and_counts_at_the_end(
    cast, district, school, other_school, opportunity
):
    with transaction.atomic():
        with kept_counts.counted_at_the_end(connection, district.pk):
            people = User.objects.bulk_create(
                User(email=f"bulk{i}@maple.test", full_name=f"Bulk {i}") for i in range(6)
            )
            Membership.objects.bulk_create(
                Membership(user=p, district=district, role=Role.TEACHER, school=school)
                for p in people
            )
            Application.objects.bulk_create(
                Application(
                    opportunity=opportunity,
                    applicant=p,
                    status="submitted",
                    submitted_at=timezone.now(),
                )
                for p in people[:2]
            )
            # Nothing kept for them yet: the triggers are paused.
            assert not kept_reach.ReachMark.objects.filter(person_id__in=[p.pk for p in people])
        assert (
            kept_reach.ReachMark.objects.filter(person_id__in=[p.pk for p in people]).count() == 6
        )
    kept, counted = both(district, [school, other_school], timezone.localdate())
    assert kept == counted
    assert {row["school"]: row for row in kept[0]}[school]["applied"] == 2
    # Running again after the block: the triggers are back.
    sent(opportunity, people[3])
    kept, counted = both(district, [school, other_school], timezone.localdate())
    assert kept == counted and {row["school"]: row for row in kept[0]}[school]["applied"] == 3


def test_a_new_school_year_is_counted_afresh_until_kept_for_it(
    cast, district, school, other_school, opportunity
):
    sent(opportunity, cast["teacher"])
    today = timezone.localdate()
    next_year = school_year_start(today).replace(year=school_year_start(today).year + 1)
    picked = _schools_sql([school, other_school])
    # The kept rows count this school year: another year's day counts afresh.
    assert kept_reach.counts(district.pk, picked, next_year, across=False) is None
    kept, counted = both(district, [school, other_school], next_year)
    assert kept == counted
    assert {row["school"]: row for row in kept[0]}[school]["applied"] == 0  # sent last year
    # The beat's daily run on the new year's first day counts every row for it; once.
    assert kept_reach.keep_year(today=next_year) is True
    assert kept_reach.keep_year(today=next_year) is False
    assert kept_reach.counts(district.pk, picked, next_year, across=False) is not None
    assert both(district, [school, other_school], next_year)[0] == kept
    # ...and this year is now the one counted afresh.
    assert kept_reach.counts(district.pk, picked, today, across=False) is None
    assert kept_reach.keep_year(today=today) is True
    kept, counted = both(district, [school, other_school], today)
    assert kept == counted and {row["school"]: row for row in kept[0]}[school]["applied"] == 1


def test_figures_kept_in_another_time_zone_are_counted_afresh(cast, district, school, settings):
    picked = _schools_sql([school])
    today = timezone.localdate()
    assert kept_reach.counts(district.pk, picked, today, across=False) is not None
    settings.TIME_ZONE = "Pacific/Auckland"
    assert kept_reach.counts(district.pk, picked, today, across=True) is None
    assert kept_reach.keep_year(today=today) is True
    assert kept_reach.counts(district.pk, picked, today, across=True) is not None


def test_triggers_a_migration_dropped_are_made_again_after_migrate(
    cast, district, school, other_school, opportunity
):
    kept_reach.uninstall(connection)  # as a rebuilt table would leave it on SQLite
    sent(opportunity, cast["teacher"])
    picked = [school, other_school]
    kept, counted = both(district, picked, timezone.localdate())
    assert kept != counted  # not kept while the triggers are gone
    kept_reach.reinstall_if_missing(sender=None, using="default")
    kept, counted = both(district, picked, timezone.localdate())
    assert kept == counted
    sent(opportunity, cast["coach"])
    assert (
        both(district, picked, timezone.localdate())[0]
        == both(district, picked, timezone.localdate())[1]
    )


def test_each_column_that_counts_moves_the_kept_rows(
    cast, district, school, other_school, opportunity
):
    """One column changed at a time, by update() (no signal): each is seen."""
    picked, today = [school, other_school], timezone.localdate()
    since = school_year_start(today)

    def numbers():
        kept, counted = both(district, picked, today)
        assert kept == counted
        row = {r["school"]: r for r in kept[0]}[school]
        return row["staff"], row["applied"], row["selected"], row["led"], kept[1]["led"]

    role = ExperienceEntry.objects.create(
        district=district,
        person=cast["teacher"],
        title="Grade team lead",
        started_on=since - datetime.timedelta(days=300),
        ended_on=since - datetime.timedelta(days=1),
        source="outside",
    )
    assert numbers() == (3, 0, 0, 0, 0)
    ExperienceEntry.objects.filter(pk=role.pk).update(ended_on=None)  # reaches into the year
    assert numbers() == (3, 0, 0, 1, 1)
    ExperienceEntry.objects.filter(pk=role.pk).update(started_on=today + datetime.timedelta(1))
    assert numbers() == (3, 0, 0, 0, 0)  # starts tomorrow
    assert both(district, picked, today + datetime.timedelta(1))[0][1]["led"] == 1
    applied = sent(opportunity, cast["coach"], status="selected")
    assert numbers() == (3, 1, 1, 0, 0)  # selected, not decided this year

    def by_level():
        kept, counted = both(district, picked, today)
        return {
            row["level"]: (row["applied"], row["selected"]) for row in kept[2] if row["applied"]
        }

    Opportunity.objects.filter(pk=opportunity.pk).update(level=Level.DISTRICT)
    assert by_level() == {"District": (1, 1)}
    Opportunity.objects.filter(pk=opportunity.pk).update(level=Level.CLASSROOM)
    assert by_level() == {"Classroom": (1, 1)}
    Application.objects.filter(pk=applied.pk).update(status="submitted")
    assert by_level() == {"Classroom": (1, 0)}
    Application.objects.filter(pk=applied.pk).update(status="selected")
    Application.objects.filter(pk=applied.pk).update(decided_at=timezone.now())
    assert numbers() == (3, 1, 1, 1, 1)
    Application.objects.filter(pk=applied.pk).update(status="withdrawn")
    assert numbers() == (3, 0, 0, 0, 0)
    Membership.objects.filter(user=cast["principal"]).update(is_active=False)
    assert numbers() == (2, 0, 0, 0, 0)
    Membership.objects.filter(user=cast["coach"]).update(school=other_school)
    assert numbers() == (1, 0, 0, 0, 0)


def test_the_beat_counts_a_new_school_year_daily_and_finds_nothing_to_do_on_other_days(
    district, settings
):
    from opportunities import tasks

    scheduled = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "opportunities.tasks.keep_reach_for_the_school_year" in scheduled
    assert tasks.keep_reach_for_the_school_year() is False  # this year is kept already
    kept_reach.ReachYear.objects.update(year=1999)  # as if the year had turned
    kept_reach.ReachYear.objects.update(since=datetime.date(1999, 8, 1))
    assert tasks.keep_reach_for_the_school_year() is True
    assert kept_reach.ReachYear.objects.get().since == school_year_start(timezone.localdate())
