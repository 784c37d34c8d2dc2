"""Revision snapshots: what a revision stores, how two compare, what a restore puts back."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .languages import LANGUAGE_CODES, column_suffix

if TYPE_CHECKING:
    from .models import Article

# Per language: the text and the workflow facts a desk wants to see in history.
LANGUAGE_FIELDS: tuple[str, ...] = (
    "title",
    "slug",
    "summary",
    "body",
    "status",
    "published_at",
    "expires_at",
    "origin",
    "translated_from",
    # Not shown in diffs; lets provenance find the source text a translation was made from.
    "text_version",
)
# What a restore puts back: the words, never the workflow state.
RESTORED_FIELDS: tuple[str, ...] = ("title", "slug", "summary", "body")
SHARED_FIELDS: tuple[str, ...] = ("section_id", "photo_id", "source_language", "embargo_until")


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(article: Article) -> dict:
    languages = {}
    for code in LANGUAGE_CODES:
        suffix = column_suffix(code)
        values = {f: _plain(getattr(article, f"{f}_{suffix}")) for f in LANGUAGE_FIELDS}
        if values["title"] or values["body"]:
            languages[code] = values
    return {
        "languages": languages,
        "shared": {f: _plain(getattr(article, f)) for f in SHARED_FIELDS},
    }


def changed_languages(before: dict | None, after: dict) -> list[str]:
    """Languages whose fields differ between two snapshots, in site order."""
    old = (before or {}).get("languages", {})
    new = after["languages"]
    return [code for code in LANGUAGE_CODES if old.get(code) != new.get(code)]


def language_diff(before: dict, after: dict, language: str) -> list[dict]:
    """Per field of one language: the unified diff lines from `before` to `after`."""
    old = before["languages"].get(language, {})
    new = after["languages"].get(language, {})
    fields = []
    for field in LANGUAGE_FIELDS:
        if field == "text_version":
            continue
        a, b = str(old.get(field) or ""), str(new.get(field) or "")
        if a != b:
            lines = list(
                difflib.unified_diff(
                    a.splitlines(),
                    b.splitlines(),
                    lineterm="",
                    n=2,
                )
            )[2:]
            fields.append({"field": field, "lines": lines})
    return fields


def restore_text(article: Article, snap: dict, languages: list[str] | None = None) -> None:
    """Put back the texts of `snap` (all languages, or the ones named)."""
    for code in languages or LANGUAGE_CODES:
        values = snap["languages"].get(code, {})
        for field in RESTORED_FIELDS:
            empty = None if field == "slug" else ""
            setattr(article, f"{field}_{column_suffix(code)}", values.get(field) or empty)
