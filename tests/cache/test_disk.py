"""The default cache (no CACHE_URL): on local disk, shared by the workers of one
machine, within its budget (newsroom/settings.py, docs/decisions/default-page-cache.md)."""

from __future__ import annotations

import os
import subprocess
import sys

from diskcache import DjangoCache, FanoutCache


def test_without_cache_url_the_page_cache_is_on_disk_with_its_budget(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'], "
        "c['OPTIONS']['size_limit'])"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "PAGE_CACHE_DISK_MB", "PAGE_CACHE_DIR")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        PAGE_CACHE_DIR=str(tmp_path / "cache"),
        PAGE_CACHE_DISK_MB="64",
    )
    out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [
        "diskcache.DjangoCache",
        str(tmp_path / "cache"),
        str(64 * 1024 * 1024),
    ]


def test_the_disk_cache_stays_within_its_budget_and_keeps_the_newest_pages(tmp_path):
    budget = 1024 * 1024
    cache = DjangoCache(str(tmp_path), {"OPTIONS": {"size_limit": budget}})
    page = b"<p>" + b"x" * 16_000
    for number in range(200):  # about three times the budget
        cache.set(f"page:{number}", (number, page), 600)
    assert FanoutCache(str(tmp_path), shards=8).volume() <= budget * 1.25
    assert cache.get("page:199") == (199, page)
    assert cache.get("page:0") is None
    cache.close()


def test_workers_share_the_disk_cache(tmp_path):
    """What one worker stored, another process reads (each opens the same folder)."""
    DjangoCache(str(tmp_path), {}).set("page:shared", (1, b"body"), 600)
    code = (
        "import sys; from diskcache import DjangoCache, FanoutCache; "
        "print(DjangoCache(sys.argv[1], {}).get('page:shared'))"
    )
    out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "(1, b'body')"
