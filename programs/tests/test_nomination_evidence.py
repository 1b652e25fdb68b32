"""A nomination carries evidence per attribute named (issue 14, item 3): what the nominator
saw, an optional http(s) link or file; the nominee reads what was written about them, the
file goes only to the people who may read the nomination, and bad input saves nothing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_person
from leadership.models import Role, School
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from programs import services
from programs.models import Nomination, NominationEvidence, NominationWindow, Program
from programs.services import ServiceError

from .conftest import RATIONALE

NEW = "/nominations/new/"
PDF = b"%PDF-1.7 the unit plan"
SAW_COMMUNICATOR = "Tom explained the new grading policy to families at the open house, calmly."
SAW_LEARNER = "Tom asked two colleagues to watch his lesson and changed it after their notes."


def _form(program, nominee, attributes, **extra):
    communicator, _, learner = attributes[:3]
    return {
        "program": program.pk,
        "nominee": nominee.pk,
        f"seen_{communicator.pk}": SAW_COMMUNICATOR,
        f"link_{communicator.pk}": "https://example.org/open-house",
        f"seen_{learner.pk}": SAW_LEARNER,
        f"file_{learner.pk}": SimpleUploadedFile("unit plan.pdf", PDF),
        "rationale": "He is ready for more.",
        **extra,
    }


def _stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def nominated(client_for, principal, teacher, program, window, attributes, cohort):
    """The teacher, nominated by the principal through the form, with a link and a file."""
    response = client_for(principal).post(NEW, _form(program, teacher, attributes), follow=True)
    assert "has been asked to accept the nomination" in response.text
    return Nomination.objects.get()


# --- Writing it --------------------------------------------------------------------------


def test_it_stores_what_was_seen_of_each_attribute_with_its_link_and_file(nominated, attributes):
    communicator, _, learner = attributes[:3]
    evidence = {e.attribute: e for e in nominated.evidence.all()}
    assert set(evidence) == {communicator, learner}
    assert evidence[communicator].seen == SAW_COMMUNICATOR
    assert evidence[communicator].link == "https://example.org/open-house"
    assert not evidence[communicator].file
    assert evidence[learner].file.read() == PDF
    assert set(nominated.attributes.all()) == {communicator, learner}
    assert nominated.rationale == "He is ready for more."


def test_it_asks_for_each_attribute_on_the_form(client_for, principal, program, window, attributes):
    page = client_for(principal).get(NEW).text
    assert 'enctype="multipart/form-data"' in page
    for attribute in attributes:
        assert f'name="seen_{attribute.pk}"' in page and f'name="file_{attribute.pk}"' in page
        assert "<legend" in page and attribute.name in page
    assert "What have you seen them do that shows Communicator?" in page


def test_it_asks_a_teacher_what_they_have_done(client_for, teacher, program, window, attributes):
    page = client_for(teacher).get(NEW).text
    assert "What have you done that shows Learner?" in page


def test_it_refuses_a_nomination_with_nothing_seen(
    client_for, principal, teacher, program, window, attributes
):
    data = {"program": program.pk, "nominee": teacher.pk, "rationale": "x" * 80}
    response = client_for(principal).post(NEW, data)
    assert "Say what you have seen for at least one attribute." in response.text
    assert not Nomination.objects.exists()


def test_it_refuses_a_link_or_file_without_words(
    client_for, principal, teacher, program, window, attributes
):
    advocate = attributes[3]
    data = _form(program, teacher, attributes, **{f"link_{advocate.pk}": "https://e.org/x"})
    response = client_for(principal).post(NEW, data)
    assert "Say what you saw, or remove the link and file." in response.text
    assert not Nomination.objects.exists() and not NominationEvidence.objects.exists()


# --- Hostile input: a message, and nothing half-saved ------------------------------------


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("seen", "Tom\x00 led the meeting and everyone spoke in turn.", "Null characters"),
        ("seen", "Tom\x01\x1b led the meeting and everyone spoke.", "control character"),
        ("seen", "x" * 100_000, "at most 20000 characters (it has 100000)"),
        ("link", "javascript:alert(document.cookie)", "starts with http:// or https://"),
        ("link", "data:text/html,<script>alert(1)</script>", "starts with http:// or https://"),
        ("link", "ftp://example.org/plan.pdf", "starts with http:// or https://"),
        ("link", "https://example.org/\x01plan", "control character"),
        ("link", "https://example.org/" + "a" * 600, "at most 500 characters"),
        ("rationale", "More\x00", "Null characters"),
        ("rationale", "x" * 100_000, "at most 20000 characters (it has 100000)"),
    ],
)
def test_it_refuses_hostile_input_and_saves_nothing(
    part, value, message, client_for, principal, teacher, program, window, attributes
):
    communicator = attributes[0]
    field = "rationale" if part == "rationale" else f"{part}_{communicator.pk}"
    response = client_for(principal).post(
        NEW, _form(program, teacher, attributes, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Nomination.objects.exists()
    assert not NominationEvidence.objects.exists()
    assert not _stored_files()
    assert not Outbox.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00 an executable", "not really a .pdf file"),
        ("photo.png", b"%PDF-1.4", "not really a .png file"),
        ("notes.docx", b"PK\x03\x04 not a zip", "not really a .docx file"),
        ("tool.exe", b"MZ", "Upload a PDF, Word (.docx), PNG or JPG file"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "files can be at most 10 MB"),
    ],
)
def test_it_refuses_a_file_that_is_not_what_it_says(
    name, content, message, client_for, principal, teacher, program, window, attributes
):
    learner = attributes[2]
    data = _form(
        program, teacher, attributes, **{f"file_{learner.pk}": SimpleUploadedFile(name, content)}
    )
    response = client_for(principal).post(NEW, data)
    assert message in response.text
    assert SAW_LEARNER in response.text  # what was written is kept on the page
    assert not Nomination.objects.exists() and not _stored_files()


def test_the_service_refuses_a_javascript_link_from_any_caller(
    principal, teacher, program, window, attributes
):
    bad = services.Seen(attributes[0], RATIONALE, "javascript:alert(1)")
    with pytest.raises(ServiceError, match="Communicator: Enter a link that starts with http"):
        services.nomination_create(
            actor=principal, program=program, nominee=teacher, evidence=[bad]
        )
    assert not Nomination.objects.exists()


def test_the_service_refuses_control_characters_and_repeats(
    principal, teacher, program, window, attributes
):
    with pytest.raises(ServiceError, match="control character"):
        services.nomination_create(
            actor=principal,
            program=program,
            nominee=teacher,
            evidence=[services.Seen(attributes[0], RATIONALE + "\x07")],
        )
    twice = [services.Seen(attributes[0], RATIONALE), services.Seen(attributes[0], RATIONALE)]
    with pytest.raises(ServiceError, match="Each attribute can be named once"):
        services.nomination_create(
            actor=principal, program=program, nominee=teacher, evidence=twice
        )
    assert not Nomination.objects.exists() and not NominationEvidence.objects.exists()


# --- Reading it --------------------------------------------------------------------------


def test_the_nominee_reads_what_was_written_about_them(nominated, client_for, teacher):
    page = client_for(teacher).get(reverse("programs:nomination", args=[nominated.pk])).text
    assert "What Paula Principal wrote about you" in page
    assert SAW_COMMUNICATOR in page and SAW_LEARNER in page and "He is ready for more." in page
    assert 'href="https://example.org/open-house"' in page
    file_url = reverse(
        "programs:nomination_evidence", args=[nominated.evidence.get(file__gt="").pk]
    )
    assert f'href="{file_url}"' in page and "unit_plan.pdf" in page


@pytest.mark.parametrize("who", ["principal", "district_admin"])
def test_the_nominator_and_the_district_read_it(who, nominated, client_for, request):
    page = client_for(request.getfixturevalue(who)).get(
        reverse("programs:nomination", args=[nominated.pk])
    )
    assert "What Paula Principal has seen" in page.text
    assert SAW_COMMUNICATOR in page.text and SAW_LEARNER in page.text


def test_the_email_to_the_nominee_quotes_the_evidence(nominated, teacher):
    email = Outbox.objects.get(to_email=teacher.email, kind="nomination.submitted")
    for part in (email.text, email.html):
        assert "Communicator" in part and "Learner" in part
        assert "Tom explained the new grading policy" in part
        assert "https://example.org/open-house" in part and "unit_plan.pdf" in part


def test_a_self_nomination_reads_as_what_they_have_done(
    client_for, teacher, program, window, attributes
):
    data = _form(program, teacher, attributes)
    client_for(teacher).post(NEW, data)
    nomination = Nomination.objects.get()
    page = client_for(teacher).get(reverse("programs:nomination", args=[nomination.pk])).text
    assert "What they have done" in page and SAW_LEARNER in page


# --- The file: who may download it -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("teacher", 200),  # the nominee
        ("principal", 200),  # who nominated, the nominee's principal
        ("district_admin", 200),
        ("coach", 404),  # coaches read reflections, not nominations
        ("other_principal", 404),
        ("other_teacher", 404),
        ("outsider", 404),  # another district
    ],
)
def test_only_the_people_who_read_the_nomination_download_its_file(
    who, status, nominated, client_for, request
):
    evidence = nominated.evidence.get(file__gt="")
    response = client_for(request.getfixturevalue(who)).get(
        reverse("programs:nomination_evidence", args=[evidence.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")


def test_it_asks_a_stranger_to_sign_in_before_the_file(nominated, client_for):
    evidence = nominated.evidence.get(file__gt="")
    response = client_for(None).get(reverse("programs:nomination_evidence", args=[evidence.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_evidence_without_a_file_is_404(nominated, client_for, teacher):
    link_only = nominated.evidence.get(file="")
    url = reverse("programs:nomination_evidence", args=[link_only.pk])
    assert client_for(teacher).get(url).status_code == 404


def test_another_districts_evidence_is_404(client_for, district_admin, outsider, other_district):
    """The link to a file of another district's nomination answers 404, as a missing one."""
    school = School.objects.create(district=other_district, name="Cedar Middle")
    teacher = make_person("t@cedar.test", "Cy Cedar", other_district, Role.TEACHER, school)
    principal = make_person("p@cedar.test", "Pat Cedar", other_district, Role.PRINCIPAL, school)
    from portrait.models import Attribute, Framework

    attribute = Attribute.objects.create(
        framework=Framework.objects.create(district=other_district),
        name="Advocate",
        slug="advocate",
        summary="Speaks up.",
    )
    program = Program.objects.create(district=other_district, name="Cedar Fellows")
    NominationWindow.objects.create(program=program, opens_on="2000-01-01", closes_on="2999-01-01")
    nomination = services.nomination_create(
        actor=principal,
        program=program,
        nominee=teacher,
        evidence=[services.Seen(attribute, RATIONALE, file=SimpleUploadedFile("cedar.pdf", PDF))],
    )
    url = reverse("programs:nomination_evidence", args=[nomination.evidence.get().pk])
    assert client_for(district_admin).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 200
    assert client_for(district_admin).get(f"/nominations/{nomination.pk}/").status_code == 404


# --- The profile --------------------------------------------------------------------------


def test_the_profile_shows_the_evidence_to_those_who_see_the_nomination(
    nominated, client_for, district_admin, principal, teacher
):
    url = reverse("pipeline:person", args=[teacher.pk])
    file_url = reverse(
        "programs:nomination_evidence", args=[nominated.evidence.get(file__gt="").pk]
    )
    for who in (district_admin, principal, teacher):
        page = client_for(who).get(url).text
        assert SAW_COMMUNICATOR in page and SAW_LEARNER in page, who
        assert f'href="{file_url}"' in page


# --- Queries ------------------------------------------------------------------------------


def test_it_keeps_the_nomination_page_flat_however_much_evidence(
    client_for, district_admin, principal, teacher, nominate, attributes
):
    """Evidence and its attributes come in one query, whatever the number of attributes."""
    nomination = nominate(principal, teacher, evidence=[services.Seen(attributes[0], RATIONALE)])

    def grow():
        for number, attribute in enumerate(attributes[1:]):
            NominationEvidence.objects.create(
                nomination=nomination,
                attribute=attribute,
                seen=f"{RATIONALE} ({number})",
                link=f"https://example.org/{number}",
            )

    url = reverse("programs:nomination", args=[nomination.pk])
    assert_flat_query_count(client_for(district_admin), url, grow, budget=9)
