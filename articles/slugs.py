"""Readable per-language slugs.

Slugs keep their script: a Chinese headline gives a Chinese slug, a Russian
one a Cyrillic slug (`slugify(allow_unicode=True)`), since transliteration
guesses are often wrong and modern browsers show such URLs readably. Only
characters that are neither letters nor digits are dropped.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify

MAX_LENGTH = 80


def slug_from(text: str) -> str:
    slug = slugify(text or "", allow_unicode=True)[:MAX_LENGTH].strip("-")
    return slug


def unique_slug(model: type[models.Model], column: str, text: str, exclude_pk=None) -> str:
    """`slug_from(text)`, with -2, -3… appended until no other row in `column` has it."""
    base = slug_from(text) or "item"
    taken = set(
        model._default_manager.filter(**{f"{column}__startswith": base})
        .exclude(pk=exclude_pk)
        .values_list(column, flat=True)
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def fill_missing_slugs(instance: models.Model, source_field: str) -> None:
    """Give every language that has `source_field` text but no slug a unique slug.

    A slug the editor typed is kept as is; a collision is then reported on its
    field by the model's unique constraint.
    """
    from .languages import LANGUAGE_CODES, column_suffix

    for code in LANGUAGE_CODES:
        suffix = column_suffix(code)
        text = getattr(instance, f"{source_field}_{suffix}")
        if text and not getattr(instance, f"slug_{suffix}"):
            slug = unique_slug(type(instance), f"slug_{suffix}", text, exclude_pk=instance.pk)
            setattr(instance, f"slug_{suffix}", slug)
