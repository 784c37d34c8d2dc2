"""The one rule for control characters in stored text.

XML 1.0 has no way to write the C0 control characters other than tab, newline
and carriage return, so a single U+0001 in a title made the RSS and Atom feeds
fail and the news sitemap invalid XML; nor do the non-characters U+FFFE and
U+FFFF or lone surrogates (which JSON can carry) have any place in copy. They
are removed wherever text is saved (`clean_text_fields`, called by every
model's `save()`), so the admin, the importer, the services and the shell all
store the same clean text. Line breaks are stored as "\n" only: browsers post
"\r\n", and one convention keeps "changed?" comparisons and diffs honest.
"""

from __future__ import annotations

import re
from functools import cache

from django.db import models
from modeltranslation.fields import TranslationField

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")


def strip_control_characters(text: str) -> str:
    """`text` with forbidden characters removed and every line break as "\\n"."""
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    return _FORBIDDEN.sub("", text)


@cache
def text_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The attributes of `model` that hold text: one per column.

    A translated field's own name is skipped: modeltranslation answers it from
    the active language's column (or a fallback), and writing it back would
    copy one language's text into another's.
    """
    fields = model._meta.concrete_fields
    translated = {f.translated_field.name for f in fields if isinstance(f, TranslationField)}
    return tuple(
        f.attname
        for f in fields
        if isinstance(f, models.CharField | models.TextField) and f.name not in translated
    )


def clean_text_fields(instance: models.Model) -> None:
    """Apply `strip_control_characters` to every text column of `instance`."""
    for name in text_fields(type(instance)):
        value = instance.__dict__.get(name)
        if isinstance(value, str) and value:
            cleaned = strip_control_characters(value)
            if cleaned != value:
                setattr(instance, name, cleaned)
