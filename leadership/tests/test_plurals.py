"""Counts say their noun in the right number: "1 seat", "2 seats", "1 person", "3 people"."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from leadership.models import AuditEvent
from leadership.words import counted
from opportunities import services
from opportunities.models import Application, Opportunity, OpportunityKind
from pipeline.tests.pipeline_data import candidate
from programs.models import Cohort, Enrollment, Program
from programs.services import ServiceError, cohort_update

# A count in a template followed by a noun that counts; it needs |pluralize.
COUNTED_NOUN = re.compile(
    r"\{\{ ?[\w.]+ ?\}\} (seats|places|rows|cohorts|people|reflections|attributes|"
    r"nominations|schools|candidates|applications|sessions|assignments|entries|days)\b"
)


@pytest.mark.parametrize(
    ("number", "words", "said"),
    [
        (1, ("seat",), "1 seat"),
        (2, ("seat",), "2 seats"),
        (0, ("seat",), "0 seats"),
        (1, ("person", "people"), "1 person"),
        (3, ("person", "people"), "3 people"),
        (1200, ("row",), "1,200 rows"),
    ],
)
def test_it_counts_in_words(number, words, said):
    assert counted(number, *words) == said


def test_no_template_puts_a_count_before_a_plural_noun_without_pluralize():
    root = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.*")
        for match in COUNTED_NOUN.finditer(path.read_text())
    ]
    assert found == []


def _cohort(district, capacity):
    program = Program.objects.create(district=district, name="Fellowship", target_level="school")
    today = timezone.localdate()
    return Cohort.objects.create(
        program=program,
        name="Fall cohort",
        starts_on=today,
        ends_on=today + timedelta(days=90),
        capacity=capacity,
    )


def test_a_cohort_of_one_place_says_place(cast, client_for, district):
    cohort = _cohort(district, capacity=1)
    body = client_for(cast["admin"]).get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "0 of 1 place taken" in body


def test_a_capacity_below_one_enrolled_person_says_person(cast, district):
    cohort = _cohort(district, capacity=2)
    Enrollment.objects.create(cohort=cohort, person=cast["teacher"])
    with pytest.raises(ServiceError) as refused:
        cohort_update(
            actor=cast["admin"],
            cohort_id=cohort.pk,
            name=cohort.name,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
            capacity=0,
        )
    assert str(refused.value.args[0]).startswith("1 person is enrolled;")


def test_an_opportunity_of_one_seat_says_seat(cast, client_for, district, school):
    opportunity = Opportunity.objects.create(
        district=district,
        kind=OpportunityKind.objects.create(district=district, name="Committee"),
        title="Review the units",
        description="Read them.",
        time_asked="Two afternoons",
        seats=1,
        school=school,
        closes_on=timezone.localdate() + timedelta(days=10),
        posted_by=cast["principal"],
    )
    body = client_for(cast["principal"]).get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "0 of 1 seat filled" in body

    Application.objects.create(
        opportunity=opportunity,
        applicant=cast["teacher"],
        note="Glad to.",
        status=Application.Status.SELECTED,
        submitted_at=timezone.now(),
    )
    opportunity.seats = 0
    with pytest.raises(ValidationError) as refused:
        services.opportunity_update(actor=cast["principal"], opportunity=opportunity, attributes=[])
    assert refused.value.messages[0].startswith("1 person is already selected;")


def test_the_export_audit_says_one_candidate(cast, client_for, district, school):
    candidate(district, school, "Rosa Alvarez")
    client_for(cast["admin"]).get("/pipeline/candidates/export/csv/")
    assert (
        AuditEvent.objects.get(action="candidates.export").summary == "Exported 1 candidate as CSV"
    )
