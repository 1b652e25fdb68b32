"""The API's full export at large-district scale: every person of the district read through
/api/v1/people/ in pages of 500, as a data warehouse's nightly job reads them."""

import datetime
import time

PAGE_SIZE = 500
TARGET_P95_MS = 150


def api_export(page_size=PAGE_SIZE):
    """Pages through /api/v1/people/ with a token of the bench district's admin; the time,
    queries and rows of each page. The token (and its request log) is deleted after."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from api import services
    from leadership.models import Role, User

    admin = User.objects.get(email="bench-admin@large.test")
    district = admin.memberships.get(role=Role.DISTRICT_ADMIN).district
    token, secret = services.token_create(
        actor=admin,
        district=district,
        name="make bench: full export",
        scopes=["read:people"],
        expires_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    settings.API_RATE_PER_MINUTE = 10**6  # the rate limit is not what is measured
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    url, pages = f"/api/v1/people/?page_size={page_size}", []
    try:
        client.get(url)  # untimed, as the pages are
        while url:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                took = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            body = response.json()
            pages.append({"ms": took, "queries": len(captured), "rows": len(body["results"])})
            url = body["next"]
    finally:
        token.delete()
    times = sorted(page["ms"] for page in pages)
    return {
        "pages": len(pages),
        "rows": sum(page["rows"] for page in pages),
        "total_ms": sum(times),
        "p50_ms": times[len(times) // 2],
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
        "max_ms": times[-1],
        "queries": sorted({page["queries"] for page in pages}),
        "page_size": page_size,
    }


def api_export_row(result):
    """The job table's row: [label, ms, details, targets]."""
    verdict = "ok" if result["p95_ms"] < TARGET_P95_MS else "MISS"
    queries = "/".join(str(n) for n in result["queries"])
    return [
        f"API export, {result['rows']:,} people in pages of {result['page_size']}",
        f"{result['total_ms']:.0f}",
        f"{result['pages']} pages: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms a page; {queries} queries a page",
        f"{verdict} (target p95 < {TARGET_P95_MS} ms a page)",
    ]
