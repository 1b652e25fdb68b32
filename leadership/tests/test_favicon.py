"""Browsers ask every site for /favicon.ico; Deep Bench answers with its icon, never a 404."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_it_serves_favicon_ico_to_anybody(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")


def test_every_page_names_its_icon(client, client_for, teacher):
    for page in [client.get("/accounts/login/"), client_for(teacher).get("/")]:
        body = page.content.decode()
        assert '<link rel="icon" href="/favicon.ico"' in body
        assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in body


def test_the_svg_icon_is_a_static_file():
    path = finders.find("favicon.svg")
    assert path is not None
    assert open(path).read().startswith("<svg")
