"""Counts say their noun in the right number: "1 seat", "2 seats", "1 person", "3 people".

Pages and messages that count are tested in their apps (test_plural_counts.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from leadership.models import AuditEvent
from leadership.words import counted
from pipeline.tests.pipeline_data import candidate

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


def test_the_export_audit_says_one_candidate(cast, client_for, district, school):
    candidate(district, school, "Rosa Alvarez")
    client_for(cast["admin"]).get("/pipeline/candidates/export/csv/")
    summary = AuditEvent.objects.get(action="candidates.export").summary
    assert summary == "Exported 1 candidate as CSV"
