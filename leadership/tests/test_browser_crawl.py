"""A real-browser crawl of every page each demo role can reach, at desktop and phone width.

For each demo role: sign in, follow every link in the navbar and on the home page, add the
main lists, and from every page reached follow its links to one page of each kind (one
reflection, one attribute, one program, its edit form, ...), and on every page check
that it is not an error page, that axe-core finds no serious or critical violation (the
`page` fixture fails the test at teardown, see fixtures_browser.py), that headings are in
order, and that at a phone width (390x844, audited again there) and at WCAG's reflow width
(320 px) the document does not scroll sideways. A wide table may scroll inside its own
`.table-responsive` wrapper; the page around it must not. The main lists (opportunities,
candidates, nominations, a cohort's roster, an opportunity's applicants) are stacked cards on
a phone (`table-stack` in static/css/site.css): at 390 px every one of their cells that says
something is shown, and within the width of the screen. The phone navbar and its menus are
opened with the keyboard and audited too.
"""

import os
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from leadership.tests.fixtures_browser import AXE_RUN, FAILING_IMPACTS, audit, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 700}

LISTS = [
    "/",
    "/portrait/",
    "/reflections/",
    "/growth/",
    "/programs/",
    "/nominations/",
    "/notifications/",
    "/opportunities/",
    "/pipeline/",
    "/pipeline/candidates/",
    "/pipeline/schools/",
]
# One page of each kind, found by following the first matching link on the pages above.
DETAIL_PATTERNS = {
    "reflection": re.compile(r"^/reflections/\d+/$"),
    "attribute": re.compile(r"^/portrait/(?!edit/|prompts/|examples/|resources/)[\w-]+/$"),
    "program": re.compile(r"^/programs/\d+/$"),
    "cohort": re.compile(r"^/cohorts/\d+/$"),
    "nomination": re.compile(r"^/nominations/\d+/$"),
    "opportunity": re.compile(r"^/opportunities/\d+/$"),
    "candidate": re.compile(r"^/pipeline/candidates/\d+/$"),
}
# Pages of the fixed list above that a role may not open: 403 is the right answer there.
FORBIDDEN = {
    "teacher@lakeview.test": {"/pipeline/", "/pipeline/candidates/", "/pipeline/schools/"},
    "coach@lakeview.test": {"/pipeline/", "/pipeline/candidates/", "/pipeline/schools/"},
}
# The main lists, stacked as cards on a phone: each role must reach those it can open, with
# rows in them (by the shape of their path, see _shape).
STACKED = {
    "admin@lakeview.test": {
        "/opportunities/",
        "/pipeline/candidates/",
        "/nominations/",
        "/cohorts/N/",
        "/opportunities/N/applications/",
    },
    "principal@lakeview.test": {"/opportunities/", "/pipeline/candidates/", "/nominations/"},
    "teacher@lakeview.test": {"/opportunities/"},
    "coach@lakeview.test": {"/opportunities/"},
}
# Links that are downloads (CSV, PDF, calendar files), sign-out, Django's own admin or the
# API's developer docs (the OpenAPI JSON and drf-spectacular's Swagger UI, a third-party page
# for developers, not for district staff): not pages to crawl.
SKIP = re.compile(
    r"(\.csv$|\.pdf$|\.ics$|/export/|/calendar/|/evidence/|/admin/|/accounts/logout/|/healthz/"
    r"|/api/v1/)"
)

LINKS_JS = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter((a) => !a.hasAttribute('download'))
    .map((a) => a.href)"""
# One h1, and no heading more than one level below the heading before it (h2 then h4).
HEADINGS_JS = """() => {
    const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
        .filter((h) => h.getClientRects().length)
        .map((h) => Number(h.tagName[1]));
    const skips = levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1);
    return {h1: levels.filter((level) => level === 1).length, levels: levels, skips: skips};
}"""
OVERFLOW_JS = """() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
            && el.getClientRects().length
            // inside a table box only what is positioned can escape its scrolling
            && !(el.closest('.table-responsive') && getComputedStyle(el).position === 'static'))
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string'
                ? '.' + el.className.trim().split(/\\s+/).join('.') : '')),
})"""

# Every cell of a stacked list that says something (text, or a control) is shown and lies
# within the screen's width; an empty cell (no checkbox on a row that cannot be chosen) may
# be left out.
STACKED_JS = """() => {
    const tables = Array.from(document.querySelectorAll('main table.table-stack'));
    const rows = tables.flatMap((t) => Array.from(t.querySelectorAll('tbody > tr')));
    const cells = rows.flatMap((r) => Array.from(r.children))
        .filter((c) => c.textContent.trim() || c.querySelector('input, select, button, a'));
    const outside = cells.filter((c) => {
        const box = c.getBoundingClientRect();
        return !c.getClientRects().length || box.width < 1 || box.height < 1
            || box.left < -1 || box.right > window.innerWidth + 1;
    });
    return {
        rows: rows.length,
        cells: cells.length,
        outside: outside.slice(0, 5).map((c) => (c.dataset.label || c.tagName.toLowerCase())
            + ': ' + c.textContent.trim().slice(0, 30)),
        scrollWidth: document.scrollingElement.scrollWidth,
        innerWidth: window.innerWidth,
    };
}"""


def _paths(page, base, selector):
    paths = []
    for href in page.evaluate(LINKS_JS, selector):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or SKIP.search(parts.path):
            continue
        paths.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return paths


def _shape(path):
    """One visit per kind of page: /reflections/12/ and /reflections/13/?sort=x are alike."""
    path = re.sub(r"/\d+/", "/N/", path.split("?")[0])
    return DETAIL_PATTERNS["attribute"].sub("/portrait/S/", path)


def _check(page, base, path, problems, stacked):
    """Open path at desktop width, audit it, then check it at phone widths; `stacked` gets
    the shape of the path when the page has a stacked list with rows."""
    page.set_viewport_size(DESKTOP)
    try:
        response = page.goto(f"{base}{path}")
    except PlaywrightError as error:
        if "Download is starting" in str(error):  # a file to download, not a page
            return False
        raise
    status = response.status if response else 0
    if status >= 400:
        problems.append(f"{path}: HTTP {status}")
        return False
    audit(page)
    headings = page.evaluate(HEADINGS_JS)
    if headings["h1"] != 1 or headings["skips"]:
        problems.append(f"{path}: headings out of order: {headings['levels']}")
    page.set_viewport_size(PHONE)
    _settle(page)
    # axe-core again at phone width: the collapsed navbar and stacked layout are other markup.
    for violation in page.evaluate(AXE_RUN, list(FAILING_IMPACTS)):
        problems.append(f"{path} at phone width: {violation['id']} {violation['targets']}")
    _check_width(page, path, problems)
    _check_stacked(page, path, problems, stacked)
    # WCAG's reflow width: 320 CSS pixels, a small phone or 400% zoom.
    page.set_viewport_size(NARROW)
    _settle(page)
    _check_width(page, path, problems)
    return True


def _settle(page):
    """Chart.js and site.js redo their layout on resize observers: let them finish."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 300))")


def _check_width(page, path, problems):
    found = page.evaluate(OVERFLOW_JS)
    if found["scrollWidth"] > found["innerWidth"] + 1:
        problems.append(
            f"{path}: {found['scrollWidth']}px wide at {found['innerWidth']}px; "
            f"wide elements: {found['wide']}"
        )


def _check_stacked(page, path, problems, stacked):
    """At phone width, no cell of a main list is hidden or off the screen to the side."""
    found = page.evaluate(STACKED_JS)
    if not found["rows"]:
        return
    stacked.add(_shape(path))
    if found["outside"]:
        problems.append(f"{path}: list cells hidden or off the screen: {found['outside']}")
    if found["scrollWidth"] > found["innerWidth"]:
        problems.append(f"{path}: a stacked list scrolls sideways ({found['scrollWidth']}px)")


def _check_phone_menu(page, base, problems):
    """At phone width, open the collapsed navbar and each of its menus with the keyboard."""
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    audit(page)  # also loads axe-core for the checks below
    toggler = page.locator(".navbar-toggler")
    for _ in range(5):
        page.keyboard.press("Tab")
        if toggler.evaluate("(el) => el === document.activeElement"):
            break
    else:
        problems.append("phone menu: Tab never reached the menu button")
        return
    page.keyboard.press("Enter")
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    expect(toggler).to_have_attribute("aria-expanded", "true")
    menus = page.locator("#main-nav .dropdown-toggle")
    if not menus.count():
        problems.append("phone menu: no menus in the navbar (not even the account menu)")
    for index in range(menus.count()):
        menu = menus.nth(index)
        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        label = menu.inner_text().strip()
        for violation in page.evaluate(AXE_RUN, list(FAILING_IMPACTS)):
            problems.append(f"phone menu {label!r}: {violation['id']} {violation['targets']}")
        found = page.evaluate(OVERFLOW_JS)
        if found["scrollWidth"] > found["innerWidth"] + 1:
            problems.append(f"phone menu {label!r} is {found['scrollWidth']}px wide")
        page.keyboard.press("Escape")
        expect(menu).to_have_attribute("aria-expanded", "false")


def _crawl(page, live_server, email):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    sign_in(page, live_server, email)
    base = live_server.url
    forbidden = FORBIDDEN.get(email, set())

    problems, stacked = [], set()
    _check_phone_menu(page, base, problems)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    queue = list(dict.fromkeys(_paths(page, base, "nav a[href], main a[href]") + LISTS))
    seen, details = set(), {}
    while queue:
        path = queue.pop(0)
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        if path in forbidden:
            response = page.goto(f"{base}{path}")
            assert response.status == 403, f"{email} should not open {path}"
            audit(page)  # the refusal page must be as readable as any other
            continue
        if not _check(page, base, path, problems, stacked):
            continue
        for found in _paths(page, base, "main a[href]"):
            queue.append(found)
            for kind, pattern in DETAIL_PATTERNS.items():
                if kind not in details and pattern.match(found):
                    details[kind] = found
    response = page.goto(f"{base}/no-such-page/")
    assert response.status == 404
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    missing = STACKED.get(email, set()) - stacked
    if missing:
        problems.append(f"no stacked list with rows at phone width on {sorted(missing)}")
    return seen, details, problems


@pytest.mark.parametrize(
    ("email", "kinds"),
    [
        (
            "admin@lakeview.test",
            {"attribute", "program", "cohort", "nomination", "opportunity", "candidate"},
        ),
        ("principal@lakeview.test", {"attribute", "program", "opportunity", "candidate"}),
        ("teacher@lakeview.test", {"reflection", "attribute", "program", "opportunity"}),
        ("coach@lakeview.test", {"reflection", "attribute", "program", "opportunity"}),
    ],
)
def test_it_crawls_each_role_at_desktop_and_phone_width(page, live_server, email, kinds):
    seen, details, problems = _crawl(page, live_server, email)

    assert not problems, f"{email}:\n" + "\n".join(problems)
    assert kinds <= set(details), f"{email} reached {sorted(details)} of {sorted(kinds)}"
    assert len(seen) >= len(LISTS)
    expect(page.locator("main")).to_be_visible()


FOCUSED_JS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute('name') || '',
        href: el.getAttribute('href') || '',
        text: (el.innerText || '').trim(),
        checked: el.checked === true,
        value: el.value || '',
        visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
    };
}"""


def _tab_to(page, wanted, limit=80):
    """Press Tab until `wanted(focused)` holds; each stop must show where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if wanted(focused):
            assert focused["visible"], f"no visible focus on {focused}"
            return focused
    raise AssertionError(f"Tab never reached the element; last focus: {focused}")


def test_it_writes_and_saves_a_reflection_with_the_keyboard_only(page, live_server):
    from portrait.models import Reflection

    call_command("seed_demo", stdout=open(os.devnull, "w"))
    sign_in(page, live_server, "teacher@lakeview.test")
    drafts_before = Reflection.objects.filter(author__email="teacher@lakeview.test").count()

    # From the home page, Tab to a reflection prompt and open it with Enter.
    _tab_to(page, lambda f: "/reflections/new/?prompt=" in f["href"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reflect on")

    # Saving with nothing written says why, next to the field, and keeps nothing.
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Save draft")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    response = page.get_by_label("Your response")
    expect(response).to_have_attribute("aria-invalid", "true")
    expect(response).to_have_accessible_description(re.compile("Write a response before saving"))
    audit(page)
    assert Reflection.objects.filter(author__email="teacher@lakeview.test").count() == (
        drafts_before
    )

    # The skip link comes first and takes the focus past the navbar.
    skip = _tab_to(page, lambda f: f["tag"] == "a", limit=1)
    assert skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    _tab_to(page, lambda f: f["name"] == "response", limit=20)
    page.keyboard.type("I ran our grade-level meeting and let the team set the agenda.")
    _tab_to(page, lambda f: f["name"] == "self_rating", limit=10)
    page.keyboard.press("ArrowDown")
    rating = page.evaluate(FOCUSED_JS)
    assert rating["checked"]
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Save draft", limit=10)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    audit(page)
    saved = Reflection.objects.filter(author__email="teacher@lakeview.test").latest("updated_at")
    assert saved.response.startswith("I ran our grade-level meeting")
    assert saved.self_rating == int(rating["value"])
    assert saved.status == Reflection.Status.DRAFT
    assert Reflection.objects.filter(author__email="teacher@lakeview.test").count() == (
        drafts_before + 1
    )
