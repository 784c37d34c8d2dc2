"""Benchmark: `manage.py translation_status` and the admin's status board on a generated site.

Run by hand from the repository root (not part of the test suite), on a site
that bench/dataset.py built:

    .venv/bin/python bench/dataset.py --out /tmp/site              # 5,000 articles × 14
    .venv/bin/python bench/translation_status.py --site /tmp/site   # median of 10 runs each

It runs the whole command (every article × 14 languages, its output thrown
away) `--runs` times after one unmeasured run, then GETs the board's first
page, a later page and two filtered pages the same way (Django's test client,
in this process, DEBUG off, a superuser logged in; bench/admin_list.py
`measure`). It prints the median and slowest time, the median CPU time of this
process (the database server's is not in it; on a busy machine it is the
steadier figure) and the number of queries of each.
"""

from __future__ import annotations

import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from admin_list import (  # noqa: E402 - bench/ is on the path above
    logged_in_client,
    measure,
    print_heading,
    print_result,
    site_arguments,
)


def time_command(runs: int) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("translation_status", stdout=StringIO())
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call_command("translation_status", stdout=StringIO())
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    out = StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("translation_status", stdout=out)
    return {
        "median": statistics.median(times),
        "cpu": statistics.median(cpu),
        "max": max(times),
        "queries": len(queries),
        "kib": len(out.getvalue().encode()) / 1024,
    }


def main() -> None:
    args = site_arguments(__doc__.splitlines()[0], runs=10)
    client = logged_in_client(args.site)
    from django.urls import reverse

    board = reverse("admin:article_translation_status")
    pages = {
        "board, first page": board,
        "board, page 50": f"{board}?page=50",
        "board, en outdated": f"{board}?language=en&state=outdated",
        "board, pt missing": f"{board}?language=pt&state=missing",
    }
    print_heading(args.runs)
    print_result("translation_status", time_command(args.runs))
    for name, url in pages.items():
        print_result(name, measure(client, url, args.runs))


if __name__ == "__main__":
    main()
