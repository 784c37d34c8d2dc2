"""Old per-language slugs: remembered when they change, looked up when a URL misses.

A slug is part of a public address. When an editor changes it in one language,
links to the old address keep working: they answer 301 to the new one, in that
language only (another language's slug is another address).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import RetiredSlug


def _slug_columns() -> dict[str, str]:
    return {code: column_name("slug", code) for code in LANGUAGE_CODES}


def stored_slugs(instance: models.Model) -> dict[str, str]:
    """The slugs the row has in the database now, by language ("" where none)."""
    columns = _slug_columns()
    row = type(instance)._default_manager.filter(pk=instance.pk).values(*columns.values()).first()
    if row is None:
        return {}
    return {code: row[column] or "" for code, column in columns.items()}


def remember_retired_slugs(instance: models.Model, before: dict[str, str]) -> None:
    """Record each slug `instance` gave up since `before`, pointing at `instance`.

    Called by every service that saves an article, a section or a tag, after
    the save and in its transaction.
    """
    kind = instance._meta.model_name
    after = {code: getattr(instance, column) or "" for code, column in _slug_columns().items()}
    changed = [code for code in LANGUAGE_CODES if before.get(code) and before[code] != after[code]]
    if not changed:
        return
    for code in changed:
        # The most recent owner of an old address wins it.
        RetiredSlug.objects.update_or_create(
            kind=kind, language=code, slug=before[code], defaults={"object_id": instance.pk}
        )
    # A slug taken into use again is live: its retired entry could never be reached.
    now_live = [Q(language=code, slug=after[code]) for code in changed if after[code]]
    if now_live:
        RetiredSlug.objects.filter(reduce(or_, now_live), kind=kind).delete()


def retired_slug_owner(kind: str, language: str, slug: str) -> int | None:
    """The id of the row that last had `slug` in `language`, or None."""
    return (
        RetiredSlug.objects.filter(kind=kind, language=language, slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
