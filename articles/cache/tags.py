"""The names of what a cached page shows, which writes mark stale.

A page is tagged with what it shows: "article:<pk>" for one article's page,
LISTS for every page that lists articles, SITE for what every page shows (the
section navigation). Writes invalidate tags (articles/cache/invalidation.py),
the CDN purge turns tags into URLs (articles/cache/purge.py), and the page
cache stores each entry with its tags (articles/cache/middleware.py).
"""

from __future__ import annotations

LISTS = "lists"  # every page that lists articles: front, sections, tags, authors, feeds…
SITE = "site"  # every page (section navigation, robots.txt)


def article_tag(pk: int) -> str:
    return f"article:{pk}"
