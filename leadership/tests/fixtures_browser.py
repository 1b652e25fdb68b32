"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Loaded by the root conftest.py as a pytest plugin. A test that uses the `page` fixture is a
browser test (it gets the `browser` marker automatically) and runs against `live_server`
with a transactional database:

    @pytest.mark.browser
    def test_it_shows_the_bench(page, live_server):
        call_command("seed_demo")
        sign_in(page, live_server, "principal@lakeview.test")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Your school's bench")

What the harness checks on its own, so that no browser test has to remember:
- axe-core audits the page a test ends on, the sign-in form (through `sign_in`), and every
  page a test passes to `audit(page)`; call it after each page worth checking. A violation
  of impact "serious" or "critical" fails the test, naming the rule, its help text and the
  offending selectors. (Auditing from inside Playwright's navigation handlers deadlocks
  the sync API, so the audits are explicit.)
- An uncaught JavaScript error, or anything the Content-Security-Policy refused, fails
  the test too: both mean a page that a person would see broken.

Without /usr/bin/chromium the browser tests are skipped with the reason shown (`-ra`);
under CI=true they fail instead, so CI can never go green without running them. When a
browser test fails, a screenshot and the page's HTML are left under test-results/.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running on the main thread; Django's ORM would
# refuse every query from the test ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "Chromium not installed at /usr/bin/chromium (apt-get install -y chromium)"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
RESULTS_DIR = BASE_DIR / "test-results"
DEMO_PASSWORD = "deepbench-demo"
FAILING_IMPACTS = ("serious", "critical")
# Playwright waits this long (ms) for an element or a navigation before failing a step.
ACTION_TIMEOUT_MS = 10_000

# Loads axe-core into the page unless it is there already. It is evaluated through the
# DevTools protocol, so the site's Content-Security-Policy stays in force for the test.
AXE_PRESENT = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"
AXE_RUN = """async (impacts) => {
    const results = await window.axe.run(document, {resultTypes: ["violations"]});
    return results.violations
        .filter((violation) => impacts.includes(violation.impact))
        .map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            targets: violation.nodes.map((node) => node.target.join(" ")),
        }));
}"""


def _in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(items):
    """A test that asks for a browser page is a browser test, marked or not."""
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") and not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"{CHROMIUM_MISSING}; CI must run the browser tests", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so `page` knows at teardown if it failed."""
    report = yield
    setattr(item, f"_browser_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"{CHROMIUM_MISSING}; CI must run the browser tests", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make setup` (npm ci) first", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8") + "\n;undefined"


class PageChecks:
    """Audits a browser context's pages and collects what should fail the test."""

    def __init__(self, axe_source):
        self.axe_source = axe_source
        self.violations = []  # (url, violation dict)
        self.errors = []  # JavaScript errors and CSP refusals, as text
        self.audit_failures = []

    def watch(self, page):
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"{page.url}: {message.text}")

    def audit(self, page):
        if page.is_closed() or not page.url.startswith("http"):
            return
        url = page.url
        try:
            # One audit per document: the mark dies with the document.
            if page.evaluate("() => window.__deepBenchAudited === true"):
                return
            if not page.evaluate(AXE_PRESENT):
                page.evaluate(self.axe_source)
            found = page.evaluate(AXE_RUN, list(FAILING_IMPACTS))
            page.evaluate("() => { window.__deepBenchAudited = true; }")
        except Exception as exc:  # the document went away or never rendered
            self.audit_failures.append(f"{url}: {exc}")
            return
        self.violations.extend((url, violation) for violation in found)

    def problems(self):
        lines = []
        if self.violations:
            lines.append(
                f"axe-core found {len(self.violations)} serious or critical accessibility "
                "violation(s):"
            )
            for url, violation in self.violations:
                lines.append(
                    f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
                    f" ({violation['helpUrl']})"
                )
                lines.append(f"      page: {url}")
                for target in violation["targets"]:
                    lines.append(f"      target: {target}")
        if self.errors:
            lines.append("The browser reported errors:")
            lines.extend(f"  {error}" for error in self.errors)
        if self.audit_failures and not self.violations:
            lines.append("axe-core could not audit a page:")
            lines.extend(f"  {failure}" for failure in self.audit_failures)
        return "\n".join(lines)


def _save_failure_artifacts(page, nodeid):
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]
    try:
        page.screenshot(path=str(RESULTS_DIR / f"{stem}.png"), full_page=True)
        (RESULTS_DIR / f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except Exception:  # a crashed page leaves nothing to save
        pass


@pytest.fixture
def page(request, browser, axe_source, live_server):
    """A fresh browser context and page per test, pointed at live_server, audited by axe-core."""
    from playwright.sync_api import expect

    # Assertions wait as long as actions: on a loaded machine a page can take over the
    # assertions' own default of 5 s to arrive.
    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    checks = PageChecks(axe_source)
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.on("page", checks.watch)
    browser_page = context.new_page()
    browser_page.deep_bench_checks = checks

    yield browser_page

    for open_page in context.pages:
        checks.audit(open_page)
    call_report = getattr(request.node, "_browser_report_call", None)
    if call_report is not None and call_report.failed:
        _save_failure_artifacts(browser_page, request.node.nodeid)
    problems = checks.problems()
    if problems and call_report is not None and not call_report.failed:
        _save_failure_artifacts(browser_page, request.node.nodeid)
    context.close()
    if problems:
        pytest.fail(problems, pytrace=False)


def audit(page):
    """Run axe-core on the page as it is now; violations fail the test at teardown."""
    page.deep_bench_checks.audit(page)


def sign_in(page, live_server, email, password=DEMO_PASSWORD):
    """Sign in through the real form at /accounts/login/ and wait for the answer to load."""
    page.goto(f"{live_server.url}/accounts/login/")
    audit(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    return page
