"""Where each language version of an article lives: `/<language>/…/<slug>/`.

Asked by the model (`Article.get_absolute_url`), the pages, the switcher and the
feeds alike, so an article's address is worked out one way.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils import translation


@lru_cache(maxsize=8192)
def _reversed_article_path(script_prefix: str, language: str, slug: str) -> str:
    with translation.override(language):
        return reverse("articles:article", kwargs={"slug": slug})


def article_path(language: str, slug: str | None) -> str:
    """`reverse("articles:article", slug)` in `language`, remembered.

    A page lists its article in up to 14 languages and a list page 20
    articles: resolving each under `translation.override` on every render would
    cost an uncached page more than it should. Each (script prefix, language,
    slug) is reversed once per process; an address that cannot be reversed raises
    as `reverse()` does and is not remembered.
    """
    return _reversed_article_path(get_script_prefix(), language, slug)
