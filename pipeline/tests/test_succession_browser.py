"""In Chromium: a district admin sees next year's openings against the ready bench, notices a
person ranked first on two slates, fills a principal vacancy from its slate (after a page that
says what will change), and the person's page, the pipeline dashboard and the succession page
all show the placement."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leadership.tests.fixtures_browser import audit, sign_in
from pipeline.models import Candidate, Stage
from pipeline.succession.models import Placement

pytestmark = pytest.mark.browser


def bench_row(page, kind):
    return page.locator("#succession-bench tbody tr").filter(
        has=page.get_by_role("rowheader", name=kind, exact=True)
    )


def test_an_admin_fills_a_principal_vacancy_from_its_slate(page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, live_server, "admin@lakeview.test")

    # Next year's openings against the ready bench: two principals leave, one person is
    # ready, counted once although two slates name her.
    page.get_by_role("button", name="Pipeline").click()
    page.get_by_role("link", name="Succession").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("openings ahead")
    principals = bench_row(page, "Principal")
    expect(
        principals.get_by_role("link", name="2 known Principal openings in the next 12 months")
    ).to_be_visible()
    expect(principals.get_by_role("link", name="1 Principal successors ready now")).to_be_visible()
    expect(
        page.get_by_text("Each person is counted once, however many slates name them")
    ).to_be_visible()
    expect(page.get_by_text("How the expected openings were reached")).to_be_visible()
    leaving = page.locator("#leaving-heading ~ div table")
    expect(leaving).to_contain_text("June Castillo")
    audit(page)

    # Nora Whitaker is first on two slates.
    several = page.locator("#several-slates > li").filter(has_text="Nora Whitaker")
    expect(several).to_contain_text("ranked first on 2")
    expect(several.get_by_role("link")).to_have_count(3)  # her page and both positions

    # The elementary principal is leaving; fill the post from its slate.
    several.get_by_role("link", name="Principal, Lakeview Elementary School").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Principal, Lakeview Elementary School"
    )
    expect(page.locator("#known-opening")).to_contain_text("announced departure")
    audit(page)
    nora = page.locator("#slate-entries > li").filter(has_text="Nora Whitaker")
    expect(nora).to_contain_text("also on 1 other slate")
    nora.get_by_text("Fill the position with Nora Whitaker").click()
    nora.get_by_role("button", name="Continue: see what changes").click()

    # Nothing by surprise: the confirmation says every change, and nothing is done yet.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Place Nora Whitaker as Principal, Lakeview Elementary School?"
    )
    expect(
        page.get_by_text("Grace Huang's role as Principal, Lakeview Elementary School ends:")
    ).to_be_visible()
    expect(
        page.get_by_text(
            "Nora Whitaker's role as Assistant principal, Lakeview Middle School ends:"
        )
    ).to_be_visible()
    expect(
        page.get_by_text("stage in the pipeline becomes Placed (from Ready now)")
    ).to_be_visible()
    expect(page.get_by_text("This slate is kept as history")).to_be_visible()
    assert not Placement.objects.exists()
    audit(page)
    page.get_by_role("button", name="Place Nora Whitaker").click()

    expect(
        page.get_by_text("Nora Whitaker is placed as Principal, Lakeview Elementary School")
    ).to_be_visible()
    expect(page.locator("#holders")).to_contain_text("Nora Whitaker")
    expect(page.locator("#role-history")).to_contain_text("Grace Huang")
    audit(page)
    candidate = Candidate.objects.get(user__email="nora.whitaker@lakeview.test")
    assert candidate.stage == Stage.PLACED

    # Her record: placed, and the role.
    page.goto(f"{live_server.url}/pipeline/candidates/{candidate.pk}/")
    expect(page.locator("dd").filter(has_text="Placed")).to_be_visible()
    positions = page.locator("#candidate-positions")
    expect(positions).to_contain_text("Principal, Lakeview Elementary School")
    expect(positions).to_contain_text("Placed from a slate")
    expect(
        page.get_by_role(
            "cell", name="Placed as Principal, Lakeview Elementary School", exact=False
        )
    ).to_be_visible()
    audit(page)

    # The pipeline dashboard.
    page.goto(f"{live_server.url}/pipeline/")
    expect(page.locator("#dashboard-placements")).to_contain_text("Nora Whitaker")
    audit(page)

    # The succession page: the placement, and she no longer counts as ready anywhere.
    page.goto(f"{live_server.url}/succession/")
    expect(page.locator("#recent-placements")).to_contain_text("Nora Whitaker")
    expect(
        bench_row(page, "Principal").get_by_role("link", name="0 Principal successors ready now")
    ).to_be_visible()
    expect(page.locator("#several-slates")).to_have_count(0)
    audit(page)
