"""The section navigation shown on every public page, cached per language.

It changes only when an editor edits a section, so it is kept in the cache
(under a key that every section save or delete moves on) instead of costing
each page a query. A short timeout bounds staleness where the cache is
per-process (the local-memory default).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from articles.cache.invalidation import state
from articles.cache.tags import SITE
from articles.domain.languages import value_in
from articles.models import Section

TIMEOUT = 60
_GENERATION_KEY = "nav-sections:generation"


def nav_sections(language: str) -> list[dict[str, str]]:
    generation = cache.get_or_set(_GENERATION_KEY, 1, None)
    # The page cache's "site" generation moves on in every process within its
    # check interval when a section changes anywhere (the counter above only
    # moves in this process's cache when that is local memory). No query: the
    # page cache middleware has read the log already.
    key = f"nav-sections:{generation}:{state.latest.get(SITE, 0)}:{language}"
    sections = cache.get(key)
    if sections is None:
        with translation.override(language):
            sections = [
                {"name": value_in(s, "name", language), "url": s.get_absolute_url()}
                for s in Section.objects.named_in(language)
            ]
        cache.set(key, sections, TIMEOUT)
    return sections


@receiver([post_save, post_delete], sender=Section)
def _sections_changed(**kwargs) -> None:
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, None)
