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
from typing import NamedTuple
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

from api_export import api_export, api_export_row  # bench/api_export.py, beside this file

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
    # bench/bench_settings.py: the site's settings with plain static files, the test
    # Client's host, mail in memory, and the floor page. Not setup_test_environment(): it
    # instruments every template render, which would inflate the page times.
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


# --- pages ------------------------------------------------------------------------------


class Page(NamedTuple):
    label: str
    who: str  # the sign-in key in clients()
    path: str
    fresh: bool = False  # empty the cache before every request
    many: bool = False  # --p95-repeat samples instead of --repeat (a p95 that matters)
    kind: str = "page"  # "floor", "page", or "reference" (the Django admin)


FLOOR = "Floor: signed-in page that does nothing"
ADMIN_CHANGELIST = "Django admin changelist /admin/pipeline/candidate/ (reference)"
CANDIDATE_LIST = "Candidate list"


def pages():
    """Every main page, found in the seeded district, with the floor and the admin.

    `fresh`: the cache is emptied before every request, so the page counts its figures
    afresh each time (what the first visitor after a change waits for)."""
    from bench_urls import FLOOR_PATH

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
    return [
        Page(FLOOR, "admin", FLOOR_PATH, kind="floor"),
        Page("Home / (admin)", "admin", "/", many=True),
        Page("Home / (principal)", "principal", "/", many=True),
        Page("Home / (teacher)", "teacher", "/", many=True),
        Page("Home / (coach)", "coach", "/", many=True),
        Page("Dashboard /pipeline/ (admin)", "admin", "/pipeline/"),
        Page(
            "Dashboard /pipeline/ (admin), counted afresh", "admin", "/pipeline/", True, many=True
        ),
        Page("Dashboard /pipeline/ (principal)", "principal", "/pipeline/"),
        Page(
            "Dashboard /pipeline/ (principal), counted afresh",
            "principal",
            "/pipeline/",
            True,
            many=True,
        ),
        Page("Schools /pipeline/schools/ (admin)", "admin", "/pipeline/schools/"),
        Page(
            "Schools /pipeline/schools/ (admin), counted afresh",
            "admin",
            "/pipeline/schools/",
            True,
            many=True,
        ),
        Page(CANDIDATE_LIST, "admin", "/pipeline/candidates/"),
        Page(ADMIN_CHANGELIST, "staff", "/admin/pipeline/candidate/", kind="reference"),
        Page(
            "Candidate list, filtered",
            "admin",
            # The bench teacher's own school and stage: at least one match at either size.
            f"/pipeline/candidates/?stage={candidate.stage}&school={candidate.school_id}"
            "&sort=-updated",
        ),
        Page("Candidate list, name search", "admin", "/pipeline/candidates/?q=garc", many=True),
        Page("Candidate detail", "admin", f"/pipeline/candidates/{candidate.pk}/"),
        Page("Nomination queue /nominations/", "admin", "/nominations/"),
        Page("My nominations /nominations/ (teacher)", "teacher", "/nominations/"),
        Page("Cohort page", "admin", f"/cohorts/{cohort.pk}/"),
        Page("Opportunities /opportunities/", "teacher", "/opportunities/"),
        Page("My reflections /reflections/", "teacher", "/reflections/"),
        Page("Growth /growth/", "teacher", "/growth/"),
        Page("Growth plan /plans/mine/ (teacher)", "teacher", "/plans/mine/"),
        Page("Portrait /portrait/", "teacher", "/portrait/"),
        Page("Attribute page (admin)", "admin", f"/portrait/{attribute.slug}/"),
        Page("Coaching /coaching/ (admin)", "admin", "/coaching/"),
        Page("Succession /succession/ (admin)", "admin", "/succession/"),
        Page(
            "Succession /succession/ (admin), counted afresh",
            "admin",
            "/succession/",
            True,
            many=True,
        ),
        Page("Positions /positions/ (admin)", "admin", "/positions/"),
        # Forms that once listed every school or person in a select (issue 18).
        Page("Add experience /experience/add/ (admin)", "admin", "/experience/add/"),
        Page("Post an opportunity /opportunities/new/ (admin)", "admin", "/opportunities/new/"),
        Page("Add a position /positions/add/ (admin)", "admin", "/positions/add/"),
        Page("Succession settings (admin)", "admin", "/succession/settings/"),
        Page("Position page (admin)", "admin", f"/positions/{position.pk}/"),
    ]


STAFF_EMAIL = "bench-staff@large.test"


def clients():
    from django.test import Client

    from leadership.models import User
    from pipeline import scale

    signed_in = {}
    for key, email in scale.SIGN_INS.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        signed_in[key] = client
    # The Django admin needs a staff account; the seed has none (the bench's own, made once).
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        staff = User.objects.create_superuser(STAFF_EMAIL, None, full_name="Bench Staff")
    signed_in["staff"] = Client()
    signed_in["staff"].force_login(staff)
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
    budget = time.perf_counter() + 30  # a very slow page gets at least 3 samples, not all
    for _ in range(repeat):
        if fresh:
            cache.clear()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= 3 and time.perf_counter() > budget:
            break
    sqls = sorted(floor_ms(queries) for _ in range(max(3, min(repeat, 40) // 4)))
    took, sql = slowest_query(queries)
    return {
        "status": 200,
        "p50": statistics.median(times),
        "p95": percentile(times, 95),
        "queries": len(queries),
        "sql": sqls[len(sqls) // 2],
        "html_kb": len(response.content) / 1024,
        "slowest_ms": took,
        "slowest_sql": sql,
        "samples": len(times),
    }


def percentile(values, pct):
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return values[index]


def measure_all(repeat, many_repeat):
    """Every page of pages(), as the person who uses it: {label: measure_page(...)}."""
    signed_in = clients()
    # As a gunicorn worker does once loaded (leadership/wsgi.py): the pages are timed in a
    # process like the ones that serve them.
    from leadership.settled import settle

    settle()
    results = {}
    for page in pages():
        samples = many_repeat if page.many else repeat
        results[page.label] = measure_page(signed_in[page.who], page.path, samples, page.fresh)
        print(f"  measured {page.label}", file=sys.stderr)
    return results


def demo_pass(repeat):
    """At demo size: each page's query count and p50 (for the growth column)."""
    return {
        label: {"queries": data.get("queries"), "p50": data.get("p50")}
        for label, data in measure_all(repeat, repeat).items()
    }


# --- throughput -------------------------------------------------------------------------

THROUGHPUT_PAGES = [
    ("Dashboard /pipeline/ (admin)", "admin", "/pipeline/"),
    ("Candidate list (admin)", "admin", "/pipeline/candidates/"),
    ("Home / (teacher)", "teacher", "/"),
]
THROUGHPUT_GOALS = {"Dashboard /pipeline/ (admin)": 150, "Candidate list (admin)": 100}


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path, cookie):
    """(status, bytes) of one GET to the local gunicorn, redirects not followed."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def _wait_for(port, seconds=60):
    import socket

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start listening")


def parse_wrk(output):
    """{"rps", "requests", "non_2xx", "socket_errors", "p50_ms", "p99_ms"} from `wrk --latency`."""
    import re

    def number(pattern, default=0.0):
        found = re.search(pattern, output)
        return float(found.group(1)) if found else default

    def ms(pattern):
        found = re.search(pattern + r"\s+([\d.]+)(us|ms|s)\b", output)
        if not found:
            return None
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(number(r"(\d+) requests in")),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "p50_ms": ms(r"\b50%"),
        "p99_ms": ms(r"\b99%"),
    }


def throughput(signed_in, seconds, connections):
    """gunicorn with 2 sync workers on loopback, loaded by wrk (2 threads, `connections`
    connections, `seconds` each page) on the same cores: requests per second and errors.

    A page that answers anything but 200 to the signed-in cookie (a redirect to sign in
    would count as a success in wrk) is reported, not loaded."""
    import shutil

    from django.conf import settings

    if not shutil.which("wrk"):
        return {"error": "wrk not installed (Debian: apt-get install -y wrk)"}
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "leadership.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    results = {}
    try:
        _wait_for(port)
        for label, who, path in THROUGHPUT_PAGES:
            name = settings.SESSION_COOKIE_NAME
            cookie = f"{name}={signed_in[who].cookies[name].value}"
            for _ in range(4):  # each worker fills its own caches; the figures are kept
                status, size = _get(port, path, cookie)
            if status != 200:
                results[label] = {"error": f"HTTP {status}"}
                continue
            ran = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{connections}",
                    f"-d{seconds}s",
                    "--timeout=10s",
                    "--latency",
                    "-H",
                    f"Cookie: {cookie}",
                    f"http://127.0.0.1:{port}{path}",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results[label] = {**parse_wrk(ran.stdout), "bytes": size}
            print(f"  loaded {label}: {results[label]['rps']:.1f} req/s", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return results


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
PYTHON_GOAL_MIN_MS = 10  # Python beyond the floor: at most max(2 x SQL, 10 ms)
GROWTH_GOAL = 2  # large / demo p50
ADMIN_RATIO_GOAL = 0.5  # candidate list / admin changelist, p50
HTML_GOAL_KB = 60


def python_beyond(data, floor):
    """(p50 - floor p50, the part of it that is not the page's own extra SQL, the goal)."""
    above = data["p50"] - floor["p50"]
    python = above - max(0.0, data["sql"] - floor["sql"])
    return above, python, max(2 * data["sql"], PYTHON_GOAL_MIN_MS)


def table(results, demo):
    header = [
        "What",
        "p50 ms",
        "p95 ms",
        "Samples",
        "Queries (large)",
        "Queries (demo size)",
        "HTML KB",
        "SQL ms (bare)",
        "p50 - floor ms",
        "Python beyond floor ms",
        "Python goal ms",
        "Large / demo p50",
        "Targets",
    ]
    floor = results.get(FLOOR, {})
    rows = []
    for label, data in results.items():
        if data.get("status") != 200:
            rows.append([label, *["-"] * 11, f"HTTP {data.get('status')}"])
            continue
        small = demo.get(label) or {}
        growth = data["p50"] / small["p50"] if small.get("p50") else None
        missed = []
        if data["p95"] >= TARGET_P95_MS:
            missed.append("p95")
        if small.get("queries") is not None and data["queries"] > small["queries"]:
            missed.append("queries grow")
        if floor.get("status") == 200 and label != FLOOR:
            above, python, goal = python_beyond(data, floor)
            cells = [f"{above:.0f}", f"{python:.0f}", f"{goal:.0f}"]
            if python > goal:
                missed.append("Python beyond floor")
        else:
            cells = ["-", "-", "-"]
        if growth is not None and growth > GROWTH_GOAL:
            missed.append("growth")
        if data["html_kb"] > HTML_GOAL_KB:
            missed.append(f"HTML > {HTML_GOAL_KB} KB")
        if label == ADMIN_CHANGELIST:
            verdict = "reference"
        else:
            verdict = "ok" if not missed else "MISS: " + ", ".join(missed)
        rows.append(
            [
                label,
                f"{data['p50']:.0f}",
                f"{data['p95']:.0f}",
                str(data["samples"]),
                str(data["queries"]),
                "?" if small.get("queries") is None else str(small["queries"]),
                f"{data['html_kb']:.0f}",
                f"{data['sql']:.1f}",
                *cells,
                "?" if growth is None else f"{growth:.1f}",
                verdict,
            ]
        )
    return header, rows


def ratio_rows(results):
    ours, admin = results.get(CANDIDATE_LIST, {}), results.get(ADMIN_CHANGELIST, {})
    if ours.get("status") != 200 or admin.get("status") != 200:
        return []
    ratio = ours["p50"] / admin["p50"]
    return [
        [
            "Candidate list ÷ Django admin changelist (p50, the same Candidate rows; "
            "the admin as it ships, 100 a page)",
            f"{ours['p50']:.0f} / {admin['p50']:.0f} = {ratio:.2f}",
            f"≤ {ADMIN_RATIO_GOAL}",
            "ok" if ratio <= ADMIN_RATIO_GOAL else "MISS",
        ]
    ]


def throughput_rows(loaded, seconds, connections):
    if not loaded:
        return []
    if "error" in loaded:
        return [["Throughput", "-", "-", "-", "-", "-", f"not run: {loaded['error']}"]]
    rows = []
    for label, r in loaded.items():
        if "error" in r:
            rows.append([label, "-", "-", "-", "-", "-", f"not loaded: {r['error']}"])
            continue
        goal = THROUGHPUT_GOALS.get(label)
        errors = r["non_2xx"] + r["socket_errors"]
        ok = errors == 0 and (goal is None or r["rps"] >= goal)
        latency = "-" if r["p50_ms"] is None else f"{r['p50_ms']:.0f} / {r['p99_ms']:.0f}"
        rows.append(
            [
                f"{label}: gunicorn 2 workers, wrk {connections} connections, {seconds} s",
                f"{r['rps']:.1f}",
                f"{r['requests']:,}",
                str(errors),
                latency,
                "-" if goal is None else f"≥ {goal}",
                ("ok" if ok else "MISS") if goal or errors else "ok (no goal)",
            ]
        )
    return rows


RATIO_HEADER = ["Ratio", "Measured", "Goal", "Targets"]
THROUGHPUT_HEADER = ["Throughput", "req/s", "Requests", "Errors", "p50 / p99 ms", "Goal", "Targets"]
JOB_HEADER = ["Bulk job", "ms", "Details", "Targets"]


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


def render(tables, render_one):
    return "\n\n".join(render_one(header, rows) for header, rows in tables if rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-factor", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page.")
    parser.add_argument(
        "--p95-repeat",
        type=int,
        default=200,
        help="Timed requests for the pages whose p95 is a goal (home pages, name search).",
    )
    parser.add_argument("--demo-repeat", type=int, default=10, help="Timed requests at demo size.")
    parser.add_argument("--roster-size", type=int, default=150_000)
    parser.add_argument("--skip-jobs", action="store_true", help="Pages only.")
    parser.add_argument("--only-jobs", action="store_true", help="Bulk jobs only.")
    parser.add_argument(
        "--jobs",
        default="export,reminders,roster,api",
        help="Which bulk jobs, comma-separated.",
    )
    parser.add_argument("--skip-throughput", action="store_true", help="No gunicorn and wrk.")
    parser.add_argument("--throughput-seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--markdown", default=str(ROOT / "var" / "bench" / "latest.md"))
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "latest.json"))
    parser.add_argument("--demo-only", help=argparse.SUPPRESS)  # internal: demo-size pass
    args = parser.parse_args()

    if args.demo_only:
        setup_django(args.demo_only)
        print(json.dumps(demo_pass(args.demo_repeat)))
        return

    seed_large = ensure_database(LARGE_DB, args.size_factor)
    ensure_database(SMALL_DB, SMALL_FACTOR)
    demo = {}
    if not args.only_jobs:
        small = subprocess.run(
            [
                sys.executable,
                __file__,
                "--demo-only",
                SMALL_DB,
                "--demo-repeat",
                str(args.demo_repeat),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        demo = json.loads(small.stdout.strip().splitlines()[-1])

    setup_django(LARGE_DB)
    signed_in = clients()
    results = {} if args.only_jobs else measure_all(args.repeat, args.p95_repeat)

    out = Path(args.markdown)
    out.parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"pages": results}, indent=2, default=str))
    loaded = None
    if not (args.only_jobs or args.skip_throughput):
        loaded = attempt(throughput, signed_in, args.throughput_seconds, args.connections)
    roster_result = reminders = export = exported = None
    if not args.skip_jobs:
        wanted = args.jobs.split(",")
        if "export" in wanted:
            export = attempt(csv_export, signed_in["admin"])
        if "reminders" in wanted:
            reminders = attempt(reminder_run)
        if "roster" in wanted:
            roster_result = attempt(roster_import, args.roster_size)
        if "api" in wanted:
            exported = attempt(api_export)
    jobs = [
        [row[0], row[1], row[5], row[-1]]
        for row in job_rows(roster_result, args.roster_size, reminders, export)
    ]
    if exported and "error" in exported:
        jobs.append(["API export", "-", "-", f"FAILED: {exported['error']}"])
    elif exported:
        jobs.append(api_export_row(exported))
    tables = [
        table(results, demo),
        (RATIO_HEADER, ratio_rows(results)),
        (THROUGHPUT_HEADER, throughput_rows(loaded, args.throughput_seconds, args.connections)),
        (JOB_HEADER, jobs),
    ]
    print(render(tables, render_text))
    load = os.getloadavg()
    print(f"\nLoad average at the end (1, 5, 15 min): {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    if seed_large is not None:
        print(f"\nLarge seed took {seed_large:.0f} s.")

    out.write_text(render(tables, render_markdown) + "\n")
    Path(args.json).write_text(
        json.dumps(
            {
                "pages": results,
                "demo_size": demo,
                "throughput": loaded,
                "roster": roster_result,
                "reminders": reminders,
                "export": export,
                "api_export": exported,
                "seed_seconds": seed_large,
                "load_average": os.getloadavg(),
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nMarkdown table: {out}")


if __name__ == "__main__":
    main()
