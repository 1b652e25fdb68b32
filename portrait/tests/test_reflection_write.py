"""Writing a reflection: /reflections/new/, /reflections/<id>/edit/ and the autosave."""

import io
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse

from leadership.models import AuditEvent
from portrait import services
from portrait.models import GrowthStep, Reflection
from portrait.tests.factories import prompt_for, reflection_by

NEW = reverse("portrait:reflection_new")
AUTOSAVE = reverse("portrait:reflection_autosave")


def _data(**overrides):
    data = {"key": str(uuid.uuid4()), "response": "I listened first.", "self_rating": "2"}
    data.update(overrides)
    return data


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_it_shows_the_prompt(teacher, client_for):
    prompt = prompt_for(teacher)

    response = client_for(teacher).get(f"{NEW}?prompt={prompt.pk}")

    assert prompt.text in response.content.decode()
    assert 'hx-trigger="keyup changed delay:3s"' in response.content.decode()


def test_it_saves_a_draft_with_the_save_button(teacher, client_for):
    prompt = prompt_for(teacher)

    response = client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(save="yes"))

    reflection = Reflection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portrait:reflection_edit", args=[reflection.pk])
    assert reflection.status == Reflection.Status.DRAFT
    assert reflection.response == "I listened first."
    assert reflection.attribute == prompt.attribute


def test_it_submits_once_when_clicked_twice(teacher, client_for):
    prompt = prompt_for(teacher)
    data = _data(submit="yes")
    client = client_for(teacher)

    client.post(f"{NEW}?prompt={prompt.pk}", data)
    client.post(f"{NEW}?prompt={prompt.pk}", data)

    reflection = Reflection.objects.get()
    assert reflection.status == Reflection.Status.SUBMITTED
    assert reflection.submitted_at is not None
    assert AuditEvent.objects.filter(action="reflection.submit").count() == 1


def test_it_needs_a_rating_to_submit_and_keeps_the_text(teacher, client_for):
    prompt = prompt_for(teacher)

    response = client_for(teacher).post(
        f"{NEW}?prompt={prompt.pk}", _data(self_rating="", submit="yes")
    )

    assert "Choose where you are on the growth scale" in response.content.decode()
    assert "I listened first." in response.content.decode()
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 20_001])
def test_it_rejects_an_empty_or_too_long_response(text, teacher, client_for):
    prompt = prompt_for(teacher)

    response = client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(response=text))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Write a response" in page or "at most 20,000 characters" in page
    assert not Reflection.objects.exists()


def test_it_refuses_an_archived_prompt(teacher, client_for):
    prompt = prompt_for(teacher)
    prompt.is_archived = True
    prompt.save(update_fields=["is_archived"])

    response = client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(), follow=True)

    assert "archived" in response.content.decode()
    assert not Reflection.objects.exists()


def test_it_hides_a_prompt_of_another_district(teacher, outsider, client_for):
    prompt = prompt_for(outsider)

    assert client_for(teacher).get(f"{NEW}?prompt={prompt.pk}").status_code == 404
    assert client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data()).status_code == 404
    assert client_for(teacher).get(f"{NEW}?prompt=abc").status_code == 404


def test_it_opens_the_existing_draft(teacher, client_for):
    draft = reflection_by(teacher, submitted=False)

    response = client_for(teacher).get(f"{NEW}?prompt={draft.prompt_id}")

    assert response["Location"] == reverse("portrait:reflection_edit", args=[draft.pk])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", b"%PDF-1.7 a plan"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20),
        ("notes.docx", _docx()),
    ],
)
def test_it_accepts_evidence_that_is_what_it_says(name, content, teacher, client_for):
    prompt = prompt_for(teacher)
    upload = SimpleUploadedFile(name, content)

    client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(evidence_file=upload))

    reflection = Reflection.objects.get()
    assert reflection.evidence_file.name.endswith(name)
    response = client_for(teacher).get(
        reverse("portrait:reflection_evidence", args=[reflection.pk])
    )
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00 an executable", "not really a .pdf file"),
        ("photo.png", b"%PDF-1.4", "not really a .png file"),
        ("notes.docx", b"PK\x03\x04 not a zip", "not really a .docx file"),
        ("notes.exe", b"MZ", "Upload a PDF"),
    ],
)
def test_it_rejects_evidence_that_is_not_what_it_says(name, content, message, teacher, client_for):
    prompt = prompt_for(teacher)
    upload = SimpleUploadedFile(name, content)

    response = client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(evidence_file=upload))

    assert message in response.content.decode()
    assert "I listened first." in response.content.decode()
    assert not Reflection.objects.exists()


def test_it_rejects_evidence_over_10_mb(teacher, client_for):
    prompt = prompt_for(teacher)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))

    response = client_for(teacher).post(f"{NEW}?prompt={prompt.pk}", _data(evidence_file=upload))

    assert "files can be at most 10 MB" in response.content.decode()
    assert not Reflection.objects.exists()


def test_it_autosaves_a_draft_and_updates_it(teacher, client_for):
    prompt = prompt_for(teacher)
    client = client_for(teacher)
    data = _data(prompt=prompt.pk)

    first = client.post(AUTOSAVE, data, HTTP_HX_REQUEST="true")
    client.post(AUTOSAVE, {**data, "response": "I listened first, then asked."})

    assert "Draft saved" in first.content.decode()
    reflection = Reflection.objects.get()
    assert reflection.response == "I listened first, then asked."
    assert reflection.status == Reflection.Status.DRAFT
    assert reflection.self_rating == GrowthStep.DEVELOPING


def test_it_does_not_autosave_an_empty_response(teacher, client_for):
    prompt = prompt_for(teacher)

    response = client_for(teacher).post(AUTOSAVE, _data(prompt=prompt.pk, response=""))

    assert "Not saved yet" in response.content.decode()
    assert not Reflection.objects.exists()


def test_it_does_not_autosave_over_a_submitted_reflection(teacher, client_for):
    key = uuid.uuid4()
    reflection = reflection_by(teacher, draft_key=key, response="Final words")

    response = client_for(teacher).post(
        AUTOSAVE, _data(prompt=reflection.prompt_id, key=str(key), response="Changed")
    )

    reflection.refresh_from_db()
    assert reflection.response == "Final words"
    assert "already submitted" in response.content.decode()


def test_it_does_not_let_a_key_reach_somebody_elses_draft(teacher, other_teacher, client_for):
    key = uuid.uuid4()
    draft = reflection_by(other_teacher, submitted=False, draft_key=key, response="Theirs")

    response = client_for(teacher).post(
        AUTOSAVE, _data(prompt=prompt_for(teacher).pk, key=str(key), response="Mine")
    )

    draft.refresh_from_db()
    assert draft.response == "Theirs"
    assert Reflection.objects.count() == 1
    assert "could not be found" in response.content.decode()


def test_it_refuses_autosave_on_get(teacher, client_for):
    assert client_for(teacher).get(AUTOSAVE).status_code == 405


def test_it_edits_a_draft_and_submits_it(teacher, client_for):
    draft = reflection_by(teacher, submitted=False, self_rating=None)
    url = reverse("portrait:reflection_edit", args=[draft.pk])
    client = client_for(teacher)
    page = client.get(url)
    key = page.context["form"].initial["key"]

    response = client.post(url, _data(key=str(key), response="Done now", submit="yes"))

    draft.refresh_from_db()
    assert response["Location"] == reverse("portrait:reflection_detail", args=[draft.pk])
    assert draft.status == Reflection.Status.SUBMITTED
    assert draft.response == "Done now"


def test_it_makes_a_submitted_reflection_read_only(teacher, client_for):
    reflection = reflection_by(teacher)

    response = client_for(teacher).get(reverse("portrait:reflection_edit", args=[reflection.pk]))

    assert response["Location"] == reverse("portrait:reflection_detail", args=[reflection.pk])


def test_it_does_not_let_others_edit(teacher, coach, client_for):
    draft = reflection_by(teacher, submitted=False)

    response = client_for(coach).get(reverse("portrait:reflection_edit", args=[draft.pk]))

    assert response.status_code == 404


def test_it_saves_into_the_draft_a_simultaneous_request_made(teacher, monkeypatch):
    """The other request committed its draft after this one looked: the insert hits the
    one-draft constraint, and the second attempt writes into that draft."""
    made_first = reflection_by(teacher, submitted=False, draft_key=uuid.uuid4())
    misses = ["by key", "by prompt"]  # this request's first look, before the other committed
    first = QuerySet.first

    def looks(queryset):
        return None if misses and misses.pop() else first(queryset)

    monkeypatch.setattr(QuerySet, "first", looks)

    saved = services.reflection_save(
        author=teacher, prompt=made_first.prompt, key=uuid.uuid4(), response="Mine too"
    )

    assert misses == []
    assert saved == made_first
    assert Reflection.objects.get().response == "Mine too"


def test_it_keeps_one_draft_per_prompt_whatever_the_autosave_key(teacher, client_for):
    prompt = prompt_for(teacher)
    client = client_for(teacher)

    for n in range(52):
        client.post(AUTOSAVE, {"prompt": prompt.pk, "key": str(uuid.uuid4()), "response": f"v{n}"})

    draft = Reflection.objects.get()
    assert (draft.status, draft.response) == (Reflection.Status.DRAFT, "v51")


def test_the_new_page_saves_into_the_existing_draft(teacher, client_for):
    draft = reflection_by(teacher, submitted=False)

    client_for(teacher).post(f"{NEW}?prompt={draft.prompt.pk}", _data(save="yes"))

    draft.refresh_from_db()
    assert Reflection.objects.count() == 1
    assert draft.response == "I listened first."


def test_a_reflection_submitted_at_once_leaves_the_draft_alone(teacher):
    """A reflection written on the leadership record is submitted as it is made."""
    draft = reflection_by(teacher, submitted=False, response="Still thinking")

    made = services.reflection_save(
        author=teacher,
        prompt=draft.prompt,
        key=uuid.uuid4(),
        response="What the team taught me.",
        self_rating=GrowthStep.DEVELOPING,
        submit=True,
    )

    draft.refresh_from_db()
    assert made != draft
    assert (made.status, made.response) == (Reflection.Status.SUBMITTED, "What the team taught me.")
    assert (draft.status, draft.response) == (Reflection.Status.DRAFT, "Still thinking")
    assert AuditEvent.objects.filter(action="reflection.submit", object_id=str(made.pk)).exists()


def test_the_database_holds_one_draft_per_person_and_prompt(teacher):
    draft = reflection_by(teacher, submitted=False)
    reflection_by(teacher, prompt=draft.prompt)  # submitted ones are many

    with pytest.raises(IntegrityError), transaction.atomic():
        reflection_by(teacher, prompt=draft.prompt, submitted=False)


def test_it_keeps_the_edit_page_on_its_own_draft(teacher, client_for):
    draft = reflection_by(teacher, submitted=False)
    url = reverse("portrait:reflection_edit", args=[draft.pk])
    client = client_for(teacher)
    client.get(url)

    client.post(url, _data(response="Changed here"))

    draft.refresh_from_db()
    assert Reflection.objects.count() == 1
    assert draft.response == "Changed here"
