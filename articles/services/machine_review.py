"""A person's edit of a machine translation: reviewed, or rewritten.

Called by `article_save` for every save, so the change form, the translate
view and any later path record it alike. Only a person's save counts (a
command or import has no user), and only where the version's text changed.
"""

from __future__ import annotations

from django.utils import timezone

from articles.domain.changes import StoredArticle, text_changes
from articles.domain.languages import column_name, value_in
from articles.domain.provenance import origin_after_edit
from articles.domain.status import Origin
from articles.models import Article, MachineTranslation

MACHINE_ORIGINS = (Origin.MACHINE, Origin.MACHINE_REVIEWED)


def version_texts(article: Article, language: str) -> dict[str, str]:
    """What the provenance rule compares of one language version (photo texts included)."""
    texts = {f: value_in(article, f, language) or "" for f in ("title", "summary", "body")}
    photo = article.photo if article.photo_id else None
    for field in ("caption", "alt_text"):
        texts[field] = (value_in(photo, field, language) or "") if photo else ""
    return texts


def machine_reviews_record(*, article: Article, before: StoredArticle | None, user) -> None:
    """Set the origin of each machine version `user` edited, by the provenance rule.

    Runs before the article's row is written, so the origin goes into the same save.
    """
    if user is None or getattr(user, "pk", None) is None:
        return
    languages = [
        code
        for code in text_changes(article, before)
        if value_in(article, "origin", code) in MACHINE_ORIGINS
    ]
    if not languages:
        return
    for record in MachineTranslation.objects.filter(article=article, language__in=languages):
        origin = origin_after_edit(record.texts, version_texts(article, record.language))
        if origin == Origin.MACHINE:
            continue
        setattr(article, column_name("origin", record.language), origin)
        record.reviewed_by = user
        record.reviewed_at = timezone.now()
        record.save(update_fields=["reviewed_by", "reviewed_at"])
