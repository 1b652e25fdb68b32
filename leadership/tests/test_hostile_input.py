"""Hostile values to every form and every upload: an answer that is not a 5xx and carries a
message, and nothing written when the input is refused.

The forms are found, not listed: every page of every permission table is opened as every
role that may open it, and each form it renders (and each htmx `hx-post`) is sent back once
per field and hostile value: NUL, other control characters, 100,000 characters, a list
where one value belongs, a number where text belongs and text where a number, date or id
belongs; each file field gets empty, NUL-filled, oversized and broken files, a zip bomb
and a file name of 3,000 characters; each form once more as a deeply nested JSON body. A
confirmation page is confirmed, so the hostile value reaches the action behind it.

A POST-only URL that no page renders a form for is a failure until it is listed in
NOT_RENDERED with the fields its view reads. Each request runs in a transaction that is
rolled back, so one case never changes the next.
"""

import datetime
import functools
import io
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import Resolver404, resolve

from leadership.tests.hostile import multipart
from leadership.tests.test_url_permissions import _tables

WHO = ["admin", "principal", "teacher", "coach", "outsider", "anonymous"]
LONG = "x" * 100_000
TEXT_VALUES = {
    "NUL": "a\x00b",
    "control characters": "a\x01\x08\x0b\x1b\x1f\x7fb",
    "100,000 characters": LONG,
    "a number": "12345",
    "a list": ["first", "second"],
}
CHOICE_VALUES = {  # selects, radios, checkboxes, hidden ids, numbers, dates
    "NUL": "\x00",
    "control characters": "\x01",
    "text": "not-a-number",
    "a huge number": "9" * 30,
    "a negative number": "-1",
    "100,000 characters": "9" * 100_000,
    "a list": ["1", "2"],
    "an impossible date": "2026-02-30",
}
DEEP = 100_000
DEEP_JSON = "[" * DEEP + "]" * DEEP
ERROR_SIGNS = ("alert-danger", "invalid-feedback", "errorlist", "is-invalid")
MESSAGE_SIGNS = (*ERROR_SIGNS, 'class="alert', 'role="alert"', 'role="status"')
# Tables a refused request may still write to: django-axes records failed sign-ins, and
# a session is saved.
MAY_CHANGE = {"axes_accessattempt", "axes_accesslog", "axes_accessfailurelog", "django_session"}
# Reading is audited too (succession.view): a refused form shown again records who looked.
ONLY = {"leadership_auditevent": "WHERE action NOT LIKE '%%.view'"}

# POST-only URLs whose form the permission tables' records do not bring on any page (the
# record is in another state), with who posts and the fields their view reads.
NOT_RENDERED = {
    "programs:nomination_decide": ("admin", ["decision", "cohort", "note"]),
    "programs:nomination_endorse": ("principal", ["answer", "note"]),
    "opportunities:opportunity_unselect": ("admin", ["application"]),
    "opportunities:opportunity_cancel": ("admin", []),
    "opportunities:application_withdraw": ("teacher", []),
    "pipeline:plan_submit": ("teacher", []),  # the plan in the tables is already handed in
    "sso:begin": ("anonymous", []),
    "sso:unlink": ("teacher", []),
}
# Accepted actions whose page adds no message of its own (the page itself shows the change).
SILENT = {
    "login": "signing in opens the person's home page",
    "logout": "signing out opens the sign-in page",
    "portrait:prompt_move": "the list shows the new order",
    "pipeline:slate_entry_move": "the slate shows the new order",
    "pipeline:kind_slate_open": "opening a slate shows the slate",
}
# The roster upload has a test of its own below (its reading is pipeline/roster/'s).
ROSTER_UPLOAD = "pipeline:roster_import"
# Every upload of the site: the crawl must have sent hostile files to each.
UPLOADS = {"portrait:reflection_new", "portrait:reflection_edit", "portrait:framework_case"}


@dataclass
class Form:
    method: str
    action: str
    htmx: bool = False
    multipart: bool = False
    fields: list = field(default_factory=list)  # (name, kind, value)
    files: list = field(default_factory=list)  # names of file inputs
    options: dict = field(default_factory=dict)  # name -> first non-empty option


class Forms(HTMLParser):
    """The forms of a page, and htmx `hx-post` elements inside them."""

    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.found, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            method = (a.get("method") or "get").lower()
            action = a.get("hx-post") or a.get("action") or self.page_url
            self.form = Form(
                method="post" if "hx-post" in a else method,
                action=action,
                htmx="hx-post" in a,
                multipart="multipart" in (a.get("enctype") or ""),
            )
            self.found.append(self.form)
            return
        if self.form is None:
            return
        if "hx-post" in a and tag != "form":
            self.found.append(Form("post", a["hx-post"], htmx=True, fields=self.form.fields))
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self.form.files.append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a or name not in {f[0] for f in self.form.fields}:
                    self._set(name, kind, a.get("value", "on"))
            elif kind not in ("button", "reset", "image"):
                if kind == "submit" and any(f[1] == "submit" for f in self.form.fields):
                    return  # one submit button, the first
                self.form.fields.append((name, kind, a.get("value", "")))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            if not any(f[1] == "submit" for f in self.form.fields):
                self.form.fields.append((name, "submit", a.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
            self.form.fields.append((name, "select", ""))
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if "selected" in a or (value and self.select not in self.form.options):
                self.form.options[self.select] = value

    def _set(self, name, kind, value):
        self.form.fields = [f for f in self.form.fields if f[0] != name]
        self.form.fields.append((name, kind, value))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form.fields.append((self.textarea[0], "textarea", self.textarea[1]))
            self.textarea = None
        elif tag == "select":
            self.select = None


def _baseline(form, cast):
    """The form's own values, with a sensible value where the page left one empty."""
    today = datetime.datetime.now(tz=datetime.UTC).date()
    fill = {
        "text": "Hostile Test",
        "search": "",
        "textarea": "We planned the unit together and I listened to every colleague first.",
        "email": cast["teacher"].email,
        "number": "1",
        "date": today.isoformat(),
        "datetime-local": f"{today + datetime.timedelta(days=1)}T10:00",
        "url": "https://example.org/",
        "password": "correct horse battery staple",
    }
    data = {}
    for name, kind, value in form.fields:
        if kind == "select":
            value = form.options.get(name, "")
        data[name] = value or fill.get(kind, value)
    data.pop("csrfmiddlewaretoken", None)
    return data


def _hostile(form):
    """(field, label, value) for every field of the form and every value for its kind."""
    for name, kind, _ in form.fields:
        if name == "csrfmiddlewaretoken":
            continue
        values = TEXT_VALUES if kind in ("text", "textarea", "search", "email", "url") else None
        for label, value in (values or CHOICE_VALUES).items():
            yield name, label, value


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _broken_zip():
    """A zip whose member fails its CRC check when read."""
    raw = bytearray(_zip({"users.csv": "sourcedId,email\n" + "1,a@b.test\n" * 500}))
    raw[60] ^= 0xFF  # inside the compressed data of the only member
    return bytes(raw)


@functools.cache
def hostile_files():
    bomb = _zip({"word/document.xml": b"\0" * 50_000_000, "users.csv": b"," * 50_000_000})
    contents = {
        "empty": b"",
        "NUL bytes": b"\x00" * 4096,
        "a zip bomb": bomb,
        "a broken zip": _broken_zip(),
        "11 MB": b"%PDF-1.4 " + b"a" * (11 * 1024 * 1024),
    }
    return [
        (f"{label} as {name}", name, content)
        for label, content in contents.items()
        for name in ("x.pdf", "x.docx", "x.zip", "x.csv", "x.json")
    ]


def _counts():
    """Rows in every table of the project, in one query."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        - MAY_CHANGE
    )
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(
        f"(SELECT COUNT(*) FROM {quote(t)} {ONLY.get(t, '')})" for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _view_name(url):
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


class Hostile:
    """Sends hostile requests and writes down every problem found."""

    def __init__(self, client_for, cast):
        self.client_for, self.cast = client_for, cast
        self.problems, self.sent, self.uploads = [], 0, set()

    def client(self, who):
        return self.client_for(None if who == "anonymous" else self.cast[who])

    def send(self, who, form, case, *, data=None, files=None, body=None, content_type=None):
        """One request, rolled back afterwards; a problem is written down, not raised."""
        client = self.client(who)
        headers = {"HX-Request": "true"} if form.htmx else {}
        where = f"{who} {form.method.upper()} {form.action} with {case}"
        self.sent += 1
        try:
            with transaction.atomic():
                before = _counts()
                if body is not None:
                    response = client.post(
                        form.action, body, content_type=content_type, headers=headers
                    )
                elif form.method == "get":
                    response = client.get(form.action, data, headers=headers)
                else:
                    payload = {**(data or {}), **(files or {})}
                    response = client.post(form.action, payload, headers=headers)
                response, after = self.confirm(client, response, _counts())
                # Opening the page it leads to may write (the audit log of who looked).
                if response.status_code in (301, 302, 303):
                    response = client.get(response["Location"], headers=headers, follow=True)
                self.check(where, form, response, before, after)
                transaction.set_rollback(True)
        except Exception as error:  # a 500 in a view reaches the test client as its error
            self.problems.append(f"{where}: raised {error!r:.300}")

    def confirm(self, client, response, after):
        """Confirm a confirmation page, so the value reaches the action behind it."""
        body = response.content.decode(errors="replace")
        if response.status_code != 200 or 'name="confirmed"' not in body:
            return response, after
        parser = Forms(response.wsgi_request.path)
        parser.feed(body)
        for form in parser.found:
            if any(name == "confirmed" for name, _, _ in form.fields):
                data = {name: value for name, _, value in form.fields}
                data.pop("csrfmiddlewaretoken", None)
                response = client.post(form.action, data)
                return response, _counts()
        return response, after

    def check(self, where, form, response, before, after):
        status = response.status_code
        body = response.content.decode(errors="replace")
        if status >= 500:
            self.problems.append(f"{where}: answered {status}")
            return
        refused = status >= 400 or any(sign in body for sign in ERROR_SIGNS)
        message = status >= 400 or any(sign in body for sign in MESSAGE_SIGNS)
        if form.htmx and status == 200:
            message = message or bool(body.strip())
        if form.method == "post" and not message and _view_name(form.action) not in SILENT:
            self.problems.append(f"{where}: answered {status} without a message")
        if refused and form.method == "post":
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            if changed:
                self.problems.append(f"{where}: refused, but wrote {changed}")


def _pages(table, objects):
    for name, row in table.ROWS.items():
        try:
            url = row.url(objects)
        except Exception:  # a row for objects this table does not make
            continue
        for who in WHO:
            if row.expected(who) == 200:
                yield name, url, who


def _discover(hostile, table, objects):
    """Every form a page of the table renders, once (by its action and fields)."""
    forms, seen = [], set()
    for _, url, who in _pages(table, objects):
        response = hostile.client(who).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms(response.wsgi_request.get_full_path())
        parser.feed(response.content.decode())
        for form in parser.found:
            key = (
                form.method,
                urlsplit(form.action).path,
                tuple(sorted(f[0] for f in form.fields)),
            )
            if key not in seen and _view_name(form.action) != ROSTER_UPLOAD:
                seen.add(key)
                forms.append((who, form))
    return forms


def _attack(hostile, who, form):
    data = _baseline(form, hostile.cast)
    for name, label, value in _hostile(form):
        hostile.send(who, form, f"{name}={label}", data={**data, name: value})
    if form.method != "post":
        return
    hostile.send(
        who, form, "a deeply nested JSON body", body=DEEP_JSON, content_type="application/json"
    )
    for file_field in form.files:
        hostile.uploads.add(_view_name(form.action))
        for label, name, content in hostile_files():
            upload = SimpleUploadedFile(name, content)
            hostile.send(who, form, f"{file_field}={label}", data=data, files={file_field: upload})
        fields = [(k, v) for k, v in data.items() if not isinstance(v, list)]
        body, content_type = multipart(fields, [(file_field, "y" * 3000 + ".pdf", b"%PDF-1.4")])
        hostile.send(
            who,
            form,
            f"{file_field}=a name of 3,000 characters",
            body=body,
            content_type=content_type,
        )


def _post_only(table):
    return {name for name, row in table.ROWS.items() if row.default == 405}


@pytest.mark.parametrize("table", _tables(), ids=lambda t: t.__name__.replace(".tests.", "."))
def test_every_form_answers_hostile_input_with_a_message(table, cast, client_for):
    hostile = Hostile(client_for, cast)
    objects = table.objects(cast)
    forms = _discover(hostile, table, objects)
    for name in sorted(set(NOT_RENDERED) & set(table.ROWS)):
        who, fields = NOT_RENDERED[name]
        action = table.ROWS[name].url(objects)
        forms.append((who, Form("post", action, fields=[(f, "hidden", "1") for f in fields])))
    for who, form in forms:
        _attack(hostile, who, form)
    covered = {_view_name(form.action) for _, form in forms} | set(NOT_RENDERED) | {ROSTER_UPLOAD}
    for name in sorted(_post_only(table) - covered):
        hostile.problems.append(f"{name}: a POST-only URL no page renders a form for")
    for name in sorted((UPLOADS & set(table.ROWS)) - hostile.uploads):
        hostile.problems.append(f"{name}: an upload the crawl sent no file to")
    assert hostile.sent > 0
    assert not hostile.problems, "\n".join(hostile.problems)


def test_the_roster_upload_answers_hostile_files_with_a_message(cast, client_for):
    hostile = Hostile(client_for, cast)
    form = Form("post", "/roster/import/", multipart=True, files=["file"])
    form.fields = [("full_sync", "checkbox", "on")]
    _attack(hostile, "admin", form)
    assert hostile.uploads == {ROSTER_UPLOAD}
    assert not hostile.problems, "\n".join(hostile.problems)
