"""Benchmark: the admin's article list (and change form) on a generated site.

Run by hand from the repository root (not part of the test suite), on a site
that bench/dataset.py built:

    .venv/bin/python bench/dataset.py --out /tmp/site              # 5,000 articles × 14
    .venv/bin/python bench/admin_list.py --site /tmp/site           # median of 20 GETs

It collects the static files into the site's folder (DEBUG off needs their
manifest), logs a superuser in (Django's test client, in this process, DEBUG off) and
GETs `/admin/articles/article/` `--runs` times after two unmeasured ones,
then the same for a filtered list, a search, and one article's change form;
prints the median and slowest time, the median CPU time of this process
(the database server's is not in it; on a busy machine it is the steadier
figure) and the number of queries of each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: HTTP {response.status_code}")
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "median": statistics.median(times),
        "cpu": statistics.median(cpu),
        "max": max(times),
        "queries": len(queries),
        "kib": len(response.content) / 1024,
    }


def logged_in_client(site: Path):
    """Set Django up on the site bench/dataset.py built into `site` (DEBUG off, static
    files collected) and return a test client logged in as a superuser."""
    manifest = json.loads((site / "dataset.json").read_text(encoding="utf-8"))
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
            "STATIC_ROOT": str(site / "static"),
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    # DEBUG off serves static files through their manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def site_arguments(description: str, runs: int) -> argparse.Namespace:
    """--site (the folder bench/dataset.py built) and --runs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--site", type=Path, required=True, help="folder bench/dataset.py built")
    parser.add_argument("--runs", type=int, default=runs)
    return parser.parse_args()


def print_heading(runs: int) -> None:
    from django.db import connection

    from articles.models import Article

    print(
        f"{Article.objects.count()} articles, {connection.vendor}, "
        f"median of {runs} runs (test client, DEBUG off)"
    )


def print_result(name: str, result: dict) -> None:
    print(
        f"{name:24} {result['median']:7.1f} ms median  {result['max']:7.1f} ms max  "
        f"{result['cpu']:6.1f} ms CPU  "
        f"{result['queries']:3d} queries  {result['kib']:6.0f} KiB"
    )


def main() -> None:
    args = site_arguments(__doc__.splitlines()[0], runs=20)
    client = logged_in_client(args.site)
    from django.urls import reverse

    from articles.models import Article

    changelist = reverse("admin:articles_article_changelist")
    article = Article.objects.order_by("pk")[Article.objects.count() // 2]
    pages = {
        "article list": changelist,
        "list, page 50": f"{changelist}?p=49",
        "list, available in pt": f"{changelist}?available_in=pt",
        "list, search": f"{changelist}?q=harbour",
        "change form": reverse("admin:articles_article_change", args=[article.pk]),
        "add form": reverse("admin:articles_article_add"),
    }
    print_heading(args.runs)
    for name, url in pages.items():
        print_result(name, measure(client, url, args.runs))


if __name__ == "__main__":
    main()
