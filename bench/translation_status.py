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

import argparse
import json
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from admin_list import measure  # noqa: E402 - bench/ is put on the path just above


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="folder bench/dataset.py built")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    manifest = json.loads((args.site / "dataset.json").read_text(encoding="utf-8"))
    os.environ.update(
        {
            "DATABASE_URL": manifest["database_url"],
            "MEDIA_ROOT": manifest["media_root"],
            "PRIVATE_MEDIA_ROOT": manifest["private_media_root"],
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_HTTPS": "false",
            "STATIC_ROOT": str(args.site / "static"),
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article

    # DEBUG off serves static files through their manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    board = reverse("admin:article_translation_status")
    pages = {
        "board, first page": board,
        "board, page 50": f"{board}?page=50",
        "board, en outdated": f"{board}?language=en&state=outdated",
        "board, pt missing": f"{board}?language=pt&state=missing",
    }
    print(
        f"{Article.objects.count()} articles, {connection.vendor}, "
        f"median of {args.runs} runs (DEBUG off)"
    )
    results = {"translation_status": time_command(args.runs)}
    for name, url in pages.items():
        results[name] = measure(client, url, args.runs)
    for name, result in results.items():
        print(
            f"{name:24} {result['median']:7.1f} ms median  {result['max']:7.1f} ms max  "
            f"{result['cpu']:6.1f} ms CPU  "
            f"{result['queries']:3d} queries  {result['kib']:6.0f} KiB"
        )


if __name__ == "__main__":
    main()
