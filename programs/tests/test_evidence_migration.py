"""Migration 0006 turns each existing nomination's rationale into evidence for every
attribute it named, and back: no words are lost either way."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programs", "0005_notices_models_move")]
AFTER = [("programs", "0006_nomination_evidence")]
WHY = "She ran the data meetings all year and every colleague came with a question."


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _world(old):
    """Two nominations made before evidence: one naming two attributes, one naming none."""
    get = old.get_model
    district = get("leadership", "District").objects.create(name="D", slug="d")
    school = get("leadership", "School").objects.create(district=district, name="S")
    person = get("leadership", "User").objects.create(email="t@d.test", password="!")
    framework = get("portrait", "Framework").objects.create(district=district)
    attributes = [
        get("portrait", "Attribute").objects.create(
            framework=framework, name=name, slug=name.lower(), summary=".", order=order
        )
        for order, name in ((2, "Advocacy"), (1, "Collaboration"))
    ]
    program = get("programs", "Program").objects.create(district=district, name="P")
    window = get("programs", "NominationWindow").objects.create(
        program=program, opens_on="2026-01-01", closes_on="2026-02-01"
    )

    def nomination(rationale, named):
        made = get("programs", "Nomination").objects.create(
            district=district,
            program=program,
            window=window,
            nominee=person,
            school=school,
            nominated_by=person,
            rationale=rationale,
        )
        made.attributes.set(named)
        return made.pk

    return nomination(WHY, attributes), nomination("Named nothing, said this.", [])


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
