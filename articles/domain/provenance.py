"""Which language versions changed, and which translations fell behind their source.

Every language version carries a text version, bumped whenever its title,
summary or body changes (articles/services/articles.py `article_save`, which
every write of an article goes through). A translation
records the language it was made from and that language's text version at the
time (`based_on`); once the source moves past it, the translation is outdated.
"""

from __future__ import annotations

from django.db.models import Model

from articles.domain.changes import TEXT_FIELDS, StoredArticle, text_changes
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


def outdated_fields(article: Model, language: str) -> list[str] | None:
    """Which of the source's text fields changed since `language` was translated.

    [] when the translation is current; None when it is outdated but the
    revision it was made from is no longer known. Looks the source text up in
    the article's revisions (one query).
    """
    if not is_outdated(article, language):
        return []
    source = value_in(article, "translated_from", language)
    based_on = value_in(article, "based_on", language)
    then = (
        article.revisions.filter(**{f"snapshot__languages__{source}__text_version": based_on})
        .order_by("version")
        .values_list("snapshot", flat=True)
        .first()
    )
    if then is None:
        return None
    old = then["languages"].get(source, {})
    return [
        field
        for field in TEXT_FIELDS
        if (old.get(field) or "") != (value_in(article, field, source) or "")
    ]
