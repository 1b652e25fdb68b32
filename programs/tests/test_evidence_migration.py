"""Migration 0006 turns each existing nomination's rationale into evidence for every
attribute it named, and back: no words are lost either way."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leadership.models import District, School, User
from portrait.models import Attribute, Framework

BEFORE = [("programs", "0005_notices_models_move")]
AFTER = [("programs", "0006_nomination_evidence")]
WHY = "She ran the data meetings all year and every colleague came with a question."


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _world(old):
    """Two nominations made before evidence: one naming two attributes, one naming none.

    People, schools and the framework are made with today's models (their apps stay
    migrated); the programs rows with the models as they were at BEFORE."""
    district = District.objects.create(name="D", slug="d")
    school = School.objects.create(district=district, name="S")
    person = User.objects.create(email="t@d.test", password="!")
    framework = Framework.objects.create(district=district)
    attribute_ids = [
        Attribute.objects.create(
            framework=framework, name=name, slug=name.lower(), summary=".", order=order
        ).pk
        for order, name in ((2, "Advocacy"), (1, "Collaboration"))
    ]
    program = old.get_model("programs", "Program").objects.create(district_id=district.pk, name="P")
    window = old.get_model("programs", "NominationWindow").objects.create(
        program=program, opens_on="2026-01-01", closes_on="2026-02-01"
    )

    def nomination(rationale, named):
        made = old.get_model("programs", "Nomination").objects.create(
            district_id=district.pk,
            program=program,
            window=window,
            nominee_id=person.pk,
            school_id=school.pk,
            nominated_by_id=person.pk,
            rationale=rationale,
        )
        made.attributes.set(named)
        return made.pk

    return nomination(WHY, attribute_ids), nomination("Named nothing, said this.", [])


@pytest.mark.django_db(transaction=True)
def test_it_moves_each_rationale_into_evidence_and_back():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        named, unnamed = _world(_migrate(BEFORE))

        new = _migrate(AFTER)
        Nomination = new.get_model("programs", "Nomination")
        Evidence = new.get_model("programs", "NominationEvidence")
        moved = Evidence.objects.filter(nomination_id=named).order_by("id")
        assert [(e.attribute.name, e.seen) for e in moved] == [
            ("Collaboration", WHY),
            ("Advocacy", WHY),
        ]
        assert Nomination.objects.get(pk=named).rationale == ""
        assert Nomination.objects.get(pk=unnamed).rationale == "Named nothing, said this."
        assert not Evidence.objects.filter(nomination_id=unnamed).exists()

        old = _migrate(BEFORE)
        Nomination = old.get_model("programs", "Nomination")
        assert Nomination.objects.get(pk=named).rationale == WHY
        assert Nomination.objects.get(pk=unnamed).rationale == "Named nothing, said this."
    finally:
        _migrate(latest)
