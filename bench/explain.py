"""Show where one page's database time goes: every query's time, and the slowest plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/explain.py /pipeline/ --as admin --plans 3

Runs against the benchmark database (`deepbench_bench`); `--as` is a key of
`pipeline.scale.SIGN_INS` (admin, principal, teacher, coach).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402 -- bench/run.py, beside this file


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--as", dest="who", default="admin")
    parser.add_argument("--plans", type=int, default=2, help="EXPLAIN ANALYZE the N slowest.")
    args = parser.parse_args()
    run.setup_django(run.LARGE_DB)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = run.clients()[args.who]
    client.get(args.path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(args.path)
    print(f"HTTP {response.status_code}, {len(captured)} queries")
    timed = run.timed_selects(captured.captured_queries)
    with connection.cursor() as cursor:
        timed.sort(reverse=True)
        for took, sql in timed:
            print(f"{took:8.1f} ms  {sql[:150]}")
        for took, sql in timed[: args.plans]:
            print(f"\n--- {took:.1f} ms\n{sql}\n")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
