"""Every text a person types has a maximum length, and a refusal says what it is.

A TextField has no length in the database; without a limit in its form a note of 100,000
characters was either saved as it was or refused with a message about something else.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

from pipeline.models import CandidateChange, Stage
from pipeline.tests.pipeline_data import candidate
from portrait.models import Feedback, ReflectionPrompt
from portrait.tests.factories import prompt_for, reflection_by

APPS = ["leadership", "notices", "portrait", "programs", "opportunities", "pipeline"]
# Text that is checked by its shape, not typed as prose: a password is only compared with
# its hash, a UUID must be one.
NOT_PROSE = (forms.UUIDField,)
LONG = "x" * 100_000


def _form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if any(part in module.name for part in (".tests", ".migrations", ".management")):
                continue
            for value in vars(importlib.import_module(module.name)).values():
                if (
                    inspect.isclass(value)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.name
                ):
                    yield value


def test_every_text_field_of_every_form_has_a_maximum_length():
    unlimited = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, NOT_PROSE)
        and not isinstance(field.widget, forms.PasswordInput)
        and field.max_length is None
    ]
    assert unlimited == []


def test_it_finds_the_forms_it_checks():
    names = {form.__name__ for form in _form_classes()}
    assert {"CandidateChangeForm", "PromptForm", "NoteForm", "OpportunityForm"} <= names


def test_a_long_note_on_a_candidate_change_is_refused_with_its_limit(
    cast, client_for, district, school
):
    person = candidate(district, school, "Lena Long")
    response = client_for(cast["admin"]).post(
        f"/pipeline/candidates/{person.pk}/change/",
        {"stage": Stage.PLACED, "readiness": "ready_now", "note": LONG},
        follow=True,
    )
    body = response.content.decode()
    assert "at most 2000 characters (it has 100000)" in body
    assert not CandidateChange.objects.exists()


def test_a_long_prompt_is_refused_with_its_limit(cast, client_for):
    attribute = prompt_for(cast["admin"]).attribute
    before = ReflectionPrompt.objects.count()
    response = client_for(cast["admin"]).post(
        f"/portrait/{attribute.slug}/prompts/add/", {"text": LONG, "level": ""}, follow=True
    )
    assert "at most 20000 characters (it has 100000)" in response.content.decode()
    assert ReflectionPrompt.objects.count() == before


@pytest.mark.parametrize("field", ["school", "district"])
def test_a_long_level_descriptor_is_refused_with_its_limit(cast, client_for, field):
    attribute = prompt_for(cast["admin"]).attribute
    data = {"name": attribute.name, "summary": attribute.summary, "description": ""}
    data.update(classroom="In class.", school="In school.", district="In the district.")
    data[field] = LONG
    response = client_for(cast["admin"]).post(f"/portrait/{attribute.slug}/edit/", data)
    assert "at most 20000 characters (it has 100000)" in response.content.decode()
    assert LONG not in "".join(attribute.descriptors.values_list("text", flat=True))


def test_long_feedback_is_refused_with_its_limit(cast, client_for):
    reflection = reflection_by(cast["teacher"], shared_with_principal=True)
    response = client_for(cast["admin"]).post(
        f"/reflections/{reflection.pk}/feedback/", {"text": LONG}, follow=True
    )
    assert "at most 10000 characters (it has 100000)" in response.content.decode()
    assert not Feedback.objects.exists()
