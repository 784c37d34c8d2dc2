"""Which language versions changed, and which translations fell behind their source.

Every language version carries a text version, bumped whenever its title,
summary or body changes (articles/services/articles.py `article_save`, which
every write of an article goes through). A translation
records the language it was made from and that language's text version at the
time (`based_on`); once the source moves past it, the translation is outdated.

A machine translation stays `machine` until a person edits it; their edit
makes it `machine, reviewed` or, if they rewrote it, `human`
(`origin_after_edit`, the rule docs/workflow.md states).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from django.db.models import Model

from articles.domain.changes import TEXT_FIELDS, StoredArticle, text_changes
from articles.domain.html import plain_text
from articles.domain.languages import column_name, value_in
from articles.domain.status import Origin


def text_version_after_save(article: Model, language: str, before: StoredArticle | None) -> int:
    """The text version `language` will have once the article is saved over `before`."""
    current = value_in(article, "text_version", language) or 0
    return current + 1 if language in text_changes(article, before) else current


def is_outdated(article: Model, language: str) -> bool:
    """True when `language` is a translation whose source text changed since."""
    if value_in(article, "origin", language) == Origin.ORIGINAL:
        return False
    source = value_in(article, "translated_from", language)
    based_on = value_in(article, "based_on", language)
    if not source or based_on is None:
        return False
    return value_in(article, "text_version", source) > based_on


def mark_translation(
    article: Model, language: str, *, source: str, origin: str, based_on: int | None = None
) -> None:
    """Record that `language` was (re)translated now from `source`'s current text.

    `based_on` is the source's text version, when the caller knows it better
    than the article in hand (before a save that will move it on).
    """
    setattr(article, column_name("origin", language), origin)
    setattr(article, column_name("translated_from", language), source)
    if based_on is None:
        based_on = value_in(article, "text_version", source)
    setattr(article, column_name("based_on", language), based_on)


def source_when_translated(article: Model, language: str) -> dict | None:
    """The source's texts as they were when `language` was translated from them.

    From the article's revisions (one query); None when that revision is no
    longer known or `language` is not a translation.
    """
    source = value_in(article, "translated_from", language)
    based_on = value_in(article, "based_on", language)
    if not source or based_on is None:
        return None
    then = (
        article.revisions.filter(**{f"snapshot__languages__{source}__text_version": based_on})
        .order_by("version")
        .values_list("snapshot", flat=True)
        .first()
    )
    return None if then is None else then["languages"].get(source, {})


def outdated_fields(article: Model, language: str) -> list[str] | None:
    """Which of the source's text fields changed since `language` was translated.

    [] when the translation is current; None when it is outdated but the
    revision it was made from is no longer known. Looks the source text up in
    the article's revisions (one query).
    """
    if not is_outdated(article, language):
        return []
    source = value_in(article, "translated_from", language)
    old = source_when_translated(article, language)
    if old is None:
        return None
    return [
        field
        for field in TEXT_FIELDS
        if (old.get(field) or "") != (value_in(article, field, source) or "")
    ]


# A person who keeps at least this share of a machine translation's words
# has reviewed it; below it they have rewritten it, and the version is theirs.
# Half: fixing a sentence or two of a paragraph keeps most words, while a
# translator who starts again from the source keeps few beyond names and numbers.
REVIEW_KEEPS_AT_LEAST = 0.5
# The texts the rule compares: what a reader reads of the version.
REVIEWED_FIELDS: tuple[str, ...] = ("title", "summary", "body", "caption", "alt_text")


def _words(texts: Mapping[str, str]) -> list[str]:
    return " ".join(plain_text(texts.get(f) or "") for f in REVIEWED_FIELDS).split()


def share_kept(machine: Mapping[str, str], edited: Mapping[str, str]) -> float:
    """How much of the machine's wording (by words, in order) the edited texts keep, 0 to 1."""
    before, after = _words(machine), _words(edited)
    if not before:
        return 1.0 if not after else 0.0
    # autojunk off: in a long body the commonest words would otherwise be
    # ignored, and a rewrite that keeps "the" and "of" would score as kept.
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return kept / max(len(before), len(after))


def origin_after_edit(machine: Mapping[str, str], edited: Mapping[str, str]) -> str:
    """How a machine translation counts once a person saved `edited` over it.

    Unchanged: still MACHINE (nobody has checked it yet). Changed but mostly
    kept: MACHINE_REVIEWED. Mostly rewritten: HUMAN.
    """
    if all((machine.get(f) or "") == (edited.get(f) or "") for f in REVIEWED_FIELDS):
        return Origin.MACHINE
    if share_kept(machine, edited) >= REVIEW_KEEPS_AT_LEAST:
        return Origin.MACHINE_REVIEWED
    return Origin.HUMAN
