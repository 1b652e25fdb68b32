"""Deep Bench at large-district scale: time each main page and the three bulk jobs.

Usage (from the repository root; `make bench` does this):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anything .venv/bin/python bench/run.py

The server and credentials come from DATABASE_URL; the data lives in a database named
`deepbench_bench` (seeded with `seed_demo --scale large` when it is empty) and, for the
query counts at demo size, `deepbench_bench_small` (the same seed at --size-factor 0.01).
See bench/README.md for what each column means.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LARGE_DB = "deepbench_bench"
SMALL_DB = "deepbench_bench_small"
SMALL_FACTOR = 0.01


# The Deep Bench CSV roster template (see /roster/import/template.csv).
ROSTER_HEADER = ["person_id", "email", "full_name", "role", "school_id", "school_name", "job_title"]


class Rollback(Exception):
    """Raised to undo a bulk job's writes so the benchmark can run again on the same data."""


def database_url(name):
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("make bench needs DATABASE_URL to point at PostgreSQL (postgres://...).")
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def _connect(url):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            yield cursor
    finally:
        conn.close()


def ensure_database(name, factor):
    """Create, migrate and seed the database `name` unless it is already seeded."""
    admin = urlunsplit(urlsplit(database_url(name))._replace(path="/postgres"))
    with _connect(admin) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": database_url(name)}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    seeded = subprocess.run(
        [*manage, "seed_demo", "--scale", "large", "--size-factor", str(factor)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    fresh = "already there" not in seeded.stdout
    if fresh:  # fresh statistics, so the planner sees the real sizes at once
        with _connect(database_url(name)) as cursor:
            cursor.execute("VACUUM ANALYZE")
    return took if fresh else None


def setup_django(name):
    os.environ["DATABASE_URL"] = database_url(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leadership.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Plain static files: the hashed manifest exists only after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The test Client's host, and mail kept in memory. Not setup_test_environment(): it
    # instruments every template render, which would inflate the page times.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


# --- pages ------------------------------------------------------------------------------


def pages():
    """(label, sign-in key, path, fresh) for every main page, found in the seeded district.

    `fresh`: the cache is emptied before every request, so the page counts its figures
    afresh each time (what the first visitor after a change waits for)."""
    from leadership.models import User
    from pipeline import scale
    from pipeline.models import Candidate, Position
    from portrait.models import Attribute
    from programs.models import Cohort

    teacher = User.objects.get(email=scale.SIGN_INS["teacher"])
    candidate = Candidate.objects.get(user=teacher)
    cohort = Cohort.objects.filter(enrollments__person=teacher).order_by("pk").first()
    attribute = Attribute.objects.filter(framework__district=candidate.district).first()
    # The first principal position with a slate: its holders over five years, its slate, and
    # suggestions from a pool of thousands of candidates aiming at the level.
    position = (
        Position.objects.filter(
            district=candidate.district, kind__key="principal", slates__isnull=False
        )
        .order_by("pk")
        .first()
    )
    found = [
        ("Dashboard /pipeline/ (admin)", "admin", "/pipeline/"),
        ("Dashboard /pipeline/ (admin), counted afresh", "admin", "/pipeline/", True),
        ("Dashboard /pipeline/ (principal)", "principal", "/pipeline/"),
        ("Dashboard /pipeline/ (principal), counted afresh", "principal", "/pipeline/", True),
        ("Schools /pipeline/schools/ (admin)", "admin", "/pipeline/schools/"),
        ("Schools /pipeline/schools/ (admin), counted afresh", "admin", "/pipeline/schools/", True),
        ("Candidate list", "admin", "/pipeline/candidates/"),
        (
            "Candidate list, filtered",
            "admin",
            # The bench teacher's own school and stage: at least one match at either size.
            f"/pipeline/candidates/?stage={candidate.stage}&school={candidate.school_id}"
            "&sort=-updated",
        ),
        ("Candidate list, name search", "admin", "/pipeline/candidates/?q=garc"),
        ("Candidate detail", "admin", f"/pipeline/candidates/{candidate.pk}/"),
        ("Nomination queue /nominations/", "admin", "/nominations/"),
        ("Cohort page", "admin", f"/cohorts/{cohort.pk}/"),
        ("Opportunities /opportunities/", "teacher", "/opportunities/"),
        ("My reflections /reflections/", "teacher", "/reflections/"),
        ("Growth /growth/", "teacher", "/growth/"),
        ("Portrait /portrait/", "teacher", "/portrait/"),
        ("Attribute page (admin)", "admin", f"/portrait/{attribute.slug}/"),
        ("Coaching /coaching/ (admin)", "admin", "/coaching/"),
        ("Succession /succession/ (admin)", "admin", "/succession/"),
        ("Positions /positions/ (admin)", "admin", "/positions/"),
        ("Position page (admin)", "admin", f"/positions/{position.pk}/"),
    ]
    return [
        (label, who, path, *rest) if rest else (label, who, path, False)
        for label, who, path, *rest in found
    ]


def clients():
    from django.test import Client

    from leadership.models import User
    from pipeline import scale

    signed_in = {}
    for key, email in scale.SIGN_INS.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        signed_in[key] = client
    return signed_in


def timed_selects(queries):
    """Run the page's SELECTs again, bare, with a cursor: [(ms, sql)] in the page's order."""
    from django.db import connection

    timed = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            timed.append(((time.perf_counter() - started) * 1000, sql))
    return timed


def floor_ms(queries):
    """The time the database needs for the page: its SELECTs run bare."""
    return sum(took for took, _ in timed_selects(queries))


def slowest_query(queries):
    return max(timed_selects(queries), default=(0.0, ""))


def request_queries(client, path, fresh):
    """One untimed request (it fills the cache unless `fresh`), then the queries of a second:
    the ones every timed request makes. (response, queries)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    if fresh:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, list(captured.captured_queries)


def measure_page(client, path, repeat, fresh=False):
    from django.core.cache import cache

    try:
        response, queries = request_queries(client, path, fresh)
    except Exception as error:  # noqa: BLE001 -- a broken page is a row, not the end
        return {"status": f"error {error!r}"[:100]}
    if response.status_code != 200:
        return {"status": response.status_code}
    times = []
    budget = time.perf_counter() + 30  # a very slow page gets at least 3 samples, not 20
    for _ in range(repeat):
        if fresh:
            cache.clear()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= 3 and time.perf_counter() > budget:
            break
    floors = sorted(floor_ms(queries) for _ in range(max(3, repeat // 4)))
    took, sql = slowest_query(queries)
    return {
        "status": 200,
        "p50": statistics.median(times),
        "p95": percentile(times, 95),
        "queries": len(queries),
        "floor": floors[len(floors) // 2],
        "slowest_ms": took,
        "slowest_sql": sql,
        "samples": len(times),
    }


def percentile(values, pct):
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return values[index]


def query_counts():
    """Query count of every page (one request each): used at demo size for the comparison."""

    signed_in = clients()
    counts = {}
    for label, who, path, fresh in pages():
        try:
            response, queries = request_queries(signed_in[who], path, fresh)
        except Exception:  # noqa: BLE001 -- shown as "?" in the table
            counts[label] = None
            continue
        counts[label] = len(queries) if response.status_code == 200 else None
    return counts


# --- bulk jobs --------------------------------------------------------------------------


def roster_import(size):
    """Import `size` staff from a CSV (the Deep Bench template) into a new district; undone.

    Runs the import task's own steps (read, compare, write in one transaction). The upload
    form and `roster_import_preview` refuse files over `roster.MAX_BYTES`; whether this file
    would pass is reported beside the time.
    """
    from django.db import transaction

    from leadership.models import District
    from pipeline import roster

    result = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ROSTER_HEADER)
            for i in range(size):
                school = i % 1800
                role = "principal" if i < 1800 else "teacher"
                writer.writerow(
                    [
                        f"rb-{i}",
                        f"rb{i}@roster.test",
                        f"Roster Person {i}",
                        role,
                        f"rs-{school}",
                        f"Roster School {school:04d}",
                        "",
                    ]
                )
        content = path.read_bytes()
    result["megabytes"] = len(content) / 1e6
    result["over_upload_limit"] = len(content) > roster.MAX_BYTES
    # The size limit is lifted for this run only, to time the work itself.
    limit = mock.patch("pipeline.roster.files.MAX_BYTES", len(content) + 1)
    try:
        with limit, transaction.atomic():
            district = District.objects.create(name="Roster Bench", slug="roster-bench")
            started = time.perf_counter()
            parsed = roster.read(content, "roster.csv")
            result["read_s"] = time.perf_counter() - started
            started = time.perf_counter()
            roster.sync(parsed, district, write=False, full=True)
            result["preview_s"] = time.perf_counter() - started
            started = time.perf_counter()
            result["summary"] = roster.sync(parsed, district, write=True, full=True)
            result["apply_s"] = time.perf_counter() - started
            result["status"] = "done"
            raise Rollback
    except Rollback:
        pass
    return result


def reminder_run():
    """The daily reminder task over every cohort, called directly; its writes undone."""
    from django.core import mail
    from django.db import transaction

    from programs.tasks import queue_daily_reminders

    result = {}
    try:
        with transaction.atomic():
            mail.outbox = []
            started = time.perf_counter()
            result["queued"] = queue_daily_reminders()
            result["seconds"] = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return result


def _download(client):
    """Read the whole candidate CSV export; (response, bytes, lines)."""
    response = client.get("/pipeline/candidates/export/csv/")
    size = lines = 0
    for chunk in response.streaming_content if response.streaming else [response.content]:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return response, size, lines


def csv_export(client):
    """The candidate CSV export as the district admin: time, peak Python memory, streaming.

    Timed once as it runs in production, then run again under tracemalloc for the peak
    memory (tracemalloc slows Python down several times, so that run is not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response, size, lines = _download(client)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    _download(client)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "status": response.status_code,
        "seconds": seconds,
        "peak_mb": peak / 1e6,
        "streams": bool(response.streaming),
        "bytes": size,
        "rows": max(0, lines - 1),
        "queries": len(captured),
    }


# --- output -----------------------------------------------------------------------------

TARGET_P95_MS = 150


def table(results, small_counts, jobs):
    header = [
        "What",
        "p50 ms",
        "p95 ms",
        "Queries (large)",
        "Queries (demo size)",
        "Floor ms (bare SQL)",
        "p95 / floor",
        "Python ms (p50 - floor)",
        "Targets",
    ]
    rows = []
    for label, data in results.items():
        if data.get("status") != 200:
            status = data.get("status")
            rows.append([label, "-", "-", "-", "-", "-", "-", "-", f"HTTP {status}"])
            continue
        small = small_counts.get(label)
        ratio = data["p95"] / data["floor"] if data["floor"] else float("inf")
        missed = []
        if data["p95"] >= TARGET_P95_MS:
            missed.append("p95")
        if small is not None and small != data["queries"]:
            missed.append("queries grow")
        if ratio > 3:
            missed.append(">3x floor")
        rows.append(
            [
                label,
                f"{data['p50']:.0f}",
                f"{data['p95']:.0f}",
                str(data["queries"]),
                "?" if small is None else str(small),
                f"{data['floor']:.1f}",
                f"{ratio:.1f}",
                f"{max(0.0, data['p50'] - data['floor']):.0f}",
                "ok" if not missed else "MISS: " + ", ".join(missed),
            ]
        )
    rows += [[*row[:-1], "-", row[-1]] for row in jobs]  # no Python column for jobs
    return header, rows


def attempt(job, *args):
    """Run a bulk job; a failure becomes a row saying so instead of ending the run."""
    try:
        return job(*args)
    except Exception as error:  # noqa: BLE001 -- reported in the table
        print(f"  {job.__name__} failed: {error!r}", file=sys.stderr)
        return {"error": repr(error)[:120]}


def job_rows(roster_result, roster_size, reminders, export):
    rows = []
    for label, result in [
        ("CSV export", export),
        ("Daily reminders", reminders),
        ("Roster import", roster_result),
    ]:
        if result and "error" in result:
            rows.append([label, "-", "-", "-", "-", "-", "-", f"FAILED: {result['error']}"])
    roster_result, reminders, export = (
        None if r and "error" in r else r for r in (roster_result, reminders, export)
    )
    if roster_result:
        r = roster_result
        total = r["read_s"] + r["preview_s"] + r["apply_s"]
        verdict = "ok" if total < 60 else "MISS"
        limit = "; file over the upload limit" if r["over_upload_limit"] else ""
        rows.append(
            [
                f"Roster import, {roster_size:,} people, {r['megabytes']:.1f} MB CSV",
                f"{total * 1000:.0f}",
                "-",
                "-",
                "-",
                f"read {r['read_s']:.1f} s, preview {r['preview_s']:.1f} s, "
                f"apply {r['apply_s']:.1f} s",
                "-",
                f"{verdict} (target < 60 s{limit})",
            ]
        )
    if reminders:
        verdict = "ok" if reminders["seconds"] < 60 else "MISS"
        rows.append(
            [
                "Daily reminders, every cohort",
                f"{reminders['seconds'] * 1000:.0f}",
                "-",
                "-",
                "-",
                f"{reminders['queued']} queued",
                "-",
                f"{verdict} (target < 60 s)",
            ]
        )
    if export:
        ok = export["seconds"] < 10 and export["streams"]
        rows.append(
            [
                f"CSV export, {export['rows']:,} candidates",
                f"{export['seconds'] * 1000:.0f}",
                "-",
                "-",  # the streamed export queries per chunk of 2,000; not a page count
                "-",
                f"peak {export['peak_mb']:.0f} MB, "
                + ("streamed" if export["streams"] else "not streamed"),
                "-",
                ("ok" if ok else "MISS") + " (target < 10 s, streamed)",
            ]
        )
    return rows


def render_text(header, rows):
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        lines.append(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def render_markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-factor", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page.")
    parser.add_argument("--roster-size", type=int, default=150_000)
    parser.add_argument("--skip-jobs", action="store_true", help="Pages only.")
    parser.add_argument("--only-jobs", action="store_true", help="Bulk jobs only.")
    parser.add_argument(
        "--jobs", default="export,reminders,roster", help="Which bulk jobs, comma-separated."
    )
    parser.add_argument("--markdown", default=str(ROOT / "var" / "bench" / "latest.md"))
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "latest.json"))
    parser.add_argument("--counts-only", help=argparse.SUPPRESS)  # internal: demo-size pass
    args = parser.parse_args()

    if args.counts_only:
        setup_django(args.counts_only)
        print(json.dumps(query_counts()))
        return

    seed_large = ensure_database(LARGE_DB, args.size_factor)
    ensure_database(SMALL_DB, SMALL_FACTOR)
    small = subprocess.run(
        [sys.executable, __file__, "--counts-only", SMALL_DB],
        check=True,
        capture_output=True,
        text=True,
    )
    small_counts = json.loads(small.stdout.strip().splitlines()[-1])

    setup_django(LARGE_DB)
    signed_in = clients()
    results = {}
    for label, who, path, fresh in [] if args.only_jobs else pages():
        results[label] = measure_page(signed_in[who], path, args.repeat, fresh)
        print(f"  measured {label}", file=sys.stderr)

    out = Path(args.markdown)
    out.parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"pages": results}, indent=2, default=str))
    roster_result = reminders = export = None
    if not args.skip_jobs:
        wanted = args.jobs.split(",")
        if "export" in wanted:
            export = attempt(csv_export, signed_in["admin"])
        if "reminders" in wanted:
            reminders = attempt(reminder_run)
        if "roster" in wanted:
            roster_result = attempt(roster_import, args.roster_size)
    jobs = job_rows(roster_result, args.roster_size, reminders, export)
    header, rows = table(results, small_counts, jobs)
    print(render_text(header, rows))
    if seed_large is not None:
        print(f"\nLarge seed took {seed_large:.0f} s.")

    out.write_text(render_markdown(header, rows) + "\n")
    Path(args.json).write_text(
        json.dumps(
            {
                "pages": results,
                "demo_size_counts": small_counts,
                "roster": roster_result,
                "reminders": reminders,
                "export": export,
                "seed_seconds": seed_large,
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nMarkdown table: {out}")


if __name__ == "__main__":
    main()
