"""Tests of actions that ask first (leadership/confirm.py): read the confirmation page a POST
answers with, and post its form back as its button does."""

import html
import re

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def form_fields(response):
    """The hidden fields of a confirmation page's form (without the CSRF token)."""
    assert response.status_code == 200, f"no confirmation page: {response.status_code}"
    body = response.content.decode()
    assert 'name="confirmed" value="yes"' in body, "the page does not ask for a confirmation"
    fields = {}
    for name, value in HIDDEN.findall(body):
        if name != "csrfmiddlewaretoken":
            fields.setdefault(name, []).append(html.unescape(value))
    return fields


def confirm(client, url, data=None):
    """POST `data` to `url`, then confirm on the page it shows; returns (page, result)."""
    page = client.post(url, data or {})
    fields = form_fields(page)
    return page, client.post(url, {**fields, "confirmed": "yes"}, follow=True)
