"""Corrections across languages: which public versions still lack a fix."""

from __future__ import annotations

from articles.models import Article


def missing_corrections(article: Article) -> list[tuple[object, list[str]]]:
    """For each original correction: the public languages with no matching note.

    Uses the article's prefetched corrections where present (no query per row).
    """
    corrections = list(article.corrections.all())
    public = article.languages
    result = []
    for root in (c for c in corrections if c.matches_id is None):
        covered = {root.language} | {c.language for c in corrections if c.matches_id == root.pk}
        missing = [code for code in public if code not in covered]
        if missing:
            result.append((root, missing))
    return result
