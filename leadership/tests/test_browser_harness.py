"""The browser harness itself: axe-core really finds what would fail a test.

Without this, a harness that silently audited nothing would let every browser test pass.
"""

import pytest

from leadership.tests.fixtures_browser import audit

pytestmark = pytest.mark.browser


def test_it_finds_a_field_without_a_label(page, live_server, db):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
            const field = document.createElement("input");
            field.type = "text";
            document.querySelector("main").append(field);
        }"""
    )
    audit(page)

    checks = page.deep_bench_checks
    found = {violation["id"] for _url, violation in checks.violations}
    assert "label" in found
    # The violation was planted by this test; clear it so the harness does not fail us.
    checks.violations.clear()
    page.goto(f"{live_server.url}/accounts/login/")


def test_it_passes_the_sign_in_page_as_it_is(page, live_server, db):
    page.goto(f"{live_server.url}/accounts/login/")
    audit(page)

    assert page.deep_bench_checks.violations == []
