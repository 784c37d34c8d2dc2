"""Readable per-language slugs, in any script.

Slugs keep their script: a Chinese headline gives a Chinese slug, a Russian one
a Cyrillic slug, since transliteration guesses are often wrong and browsers show
such URLs readably. Latin letters lose their diacritics (`não` → `nao`), as
newsrooms writing in Latin script expect.

Written here rather than with Django's `slugify(allow_unicode=True)`: that keeps
only `\\w`, which in Python excludes combining marks, so Devanagari vowel signs
and viramas vanish (`संस्कृतम्` → `सस…`) and Django's unicode slug validator
refuses a correctly spelled Sanskrit slug.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in

MAX_LENGTH = 80
# Latin letters that do not decompose into an ASCII base and marks.
_LATIN_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"}


def _is_word_char(ch: str) -> bool:
    """Letters, combining marks and digits of any script."""
    return unicodedata.category(ch)[0] in "LMN"


def _fold_latin(ch: str) -> str:
    if ch in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[ch]
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return stripped if stripped.isascii() and stripped else ch


def slug_from(text: str) -> str:
    """A lower-case slug: words of any script joined by hyphens."""
    text = unicodedata.normalize("NFC", (text or "").lower())
    chars = [_fold_latin(ch) if _is_word_char(ch) else "-" for ch in text]
    slug = re.sub(r"-{2,}", "-", "".join(chars)).strip("-")
    return slug[:MAX_LENGTH].strip("-")


def validate_slug(value: str) -> None:
    if not value or not all(_is_word_char(ch) or ch in "-_" for ch in value):
        raise ValidationError(
            _("Use only letters, digits, hyphens and underscores (in any script)."),
            code="invalid",
        )


class AnyScriptSlugField(models.SlugField):
    """A SlugField whose validation accepts every script, combining marks included."""

    default_validators = [validate_slug]

    def __init__(self, *args, allow_unicode: bool = False, **kwargs) -> None:
        # With allow_unicode, SlugField would put Django's unicode slug validator on
        # the instance, over the class's, before CharField reads the validators: it
        # refuses Devanagari's vowel signs and viramas. The flag is kept for the
        # migrations (deconstruct) and changes nothing else here.
        super().__init__(*args, **kwargs)
        self.allow_unicode = allow_unicode

    def formfield(self, **kwargs):
        # Skip SlugField's form field: its validator is the one that refuses marks.
        return models.CharField.formfield(self, **{"form_class": forms.CharField, **kwargs})


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
    for code in LANGUAGE_CODES:
        text = value_in(instance, source_field, code)
        if text and not value_in(instance, "slug", code):
            slug = unique_slug(
                type(instance), column_name("slug", code), text, exclude_pk=instance.pk
            )
            setattr(instance, column_name("slug", code), slug)
