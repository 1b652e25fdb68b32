"""A POST Django cannot read (a file name of thousands of characters, too much text) goes back
to its page with a message, never a bare "Bad Request"; anything else Django refuses as a
bad request gets the site's own 400 page."""

import uuid

from leadership.tests.hostile import multipart
from portrait.models import Framework, Reflection
from portrait.tests.factories import prompt_for

LONG_NAME = "evidence-" + "x" * 3000 + ".pdf"
BACK = "http://testserver/pipeline/framework/case/?from=here"


def test_it_sends_an_evidence_upload_with_a_very_long_name_back_with_a_message(teacher, client_for):
    prompt = prompt_for(teacher)
    url = f"/reflections/new/?prompt={prompt.pk}"
    fields = [("key", uuid.uuid4()), ("response", "I listened."), ("self_rating", "2")]
    body, content_type = multipart(fields, [("evidence_file", LONG_NAME, b"%PDF-1.4")])

    response = client_for(teacher).post(url, body, content_type=content_type)

    assert response.status_code == 303
    assert response["Location"] == url
    page = response.client.get(url)
    assert "file name is too long" in page.content.decode()
    assert "at most 255 characters" in page.content.decode()
    assert not Reflection.objects.exists()


def test_it_sends_a_case_upload_with_a_very_long_name_back_to_the_page_it_came_from(
    cast, client_for
):
    body, content_type = multipart(files=[("file", LONG_NAME.replace(".pdf", ".json"), b"{}")])
    client = client_for(cast["admin"])

    response = client.post(
        "/pipeline/framework/case/",
        body,
        content_type=content_type,
        headers={"Referer": "http://testserver/pipeline/framework/case/?from=here"},
        follow=True,
    )

    assert response.redirect_chain == [
        ("http://testserver/pipeline/framework/case/?from=here", 303)
    ]
    assert response.status_code == 200
    assert "file name is too long" in response.content.decode()
    assert not Framework.objects.exists()


def test_it_never_sends_anyone_to_another_site(cast, client_for):
    body, content_type = multipart(files=[("file", LONG_NAME, b"{}")])
    response = client_for(cast["admin"]).post(
        "/pipeline/framework/case/",
        body,
        content_type=content_type,
        headers={"Referer": "https://elsewhere.example/phish"},
    )
    assert response["Location"] == "/pipeline/framework/case/"


def test_it_says_how_much_text_a_form_can_hold(teacher, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    prompt = prompt_for(teacher)
    url = f"/reflections/new/?prompt={prompt.pk}"
    data = {"key": str(uuid.uuid4()), "response": "x" * 20_000, "self_rating": "2"}

    response = client_for(teacher).post(url, data, follow=True)

    assert response.status_code == 200
    assert "at most 2.5 MB of text" in response.content.decode()
    assert not Reflection.objects.exists()


def test_an_htmx_request_gets_the_message_as_text(teacher, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    prompt = prompt_for(teacher)
    data = {"key": str(uuid.uuid4()), "prompt": prompt.pk, "response": "x" * 20_000}

    response = client_for(teacher).post(
        "/reflections/autosave/", data, headers={"HX-Request": "true"}
    )

    assert response.status_code == 400
    assert "at most 2.5 MB of text" in response.content.decode()
    assert not Reflection.objects.exists()


def test_other_bad_requests_get_the_sites_own_page(client):
    response = client.get("/", headers={"Host": "not-our-site.example"})
    assert response.status_code == 400
    assert "That request could not be read" in response.content.decode()


def test_a_body_that_is_not_a_form_goes_back_with_a_message(cast, client_for):
    """Django reads only form bodies into request.POST: a JSON body looked like no POST at
    all, and a page answered it as if it had been opened."""
    client = client_for(cast["admin"])
    response = client.post(
        "/portrait/edit/", '{"name": ' * 1000, content_type="application/json", follow=True
    )
    assert response.redirect_chain == [("/portrait/edit/", 303)]
    assert "not a form Deep Bench can read" in response.content.decode()
