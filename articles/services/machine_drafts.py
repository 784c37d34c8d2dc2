"""One language version at a time: machine drafts, and the save of a version's texts.

The translate view and `manage.py machine_translate` both come here: a draft
is asked of the configured engine (`machine_draft_make`, which writes
nothing), and a version is written by `translation_save`, which records its
provenance and goes through `article_save` and `photo_texts_save` like every
other write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.domain.availability import has_text_in
from articles.domain.changes import TEXT_FIELDS
from articles.domain.html import sanitize_html
from articles.domain.languages import ENDONYMS, LANGUAGE_CODES, column_name, value_in
from articles.domain.provenance import REVIEWED_FIELDS, mark_translation
from articles.domain.slugs import unique_slug
from articles.domain.status import Origin, Status
from articles.machine_translation.base import Engine, MachineTranslationError
from articles.machine_translation.http import garbage
from articles.models import Article, MachineTranslation
from articles.photos.services import photo_texts_save
from articles.services.articles import article_save

# A language version's own fields, as the translate view edits them. Never
# the photo's credit: it reads the same in every language.
ARTICLE_FIELDS: tuple[str, ...] = ("title", "slug", "summary", "body", "byline")
PHOTO_FIELDS: tuple[str, ...] = ("caption", "alt_text")
# Sent to the engine as plain text; the body goes as HTML.
_PLAIN_FIELDS: tuple[str, ...] = ("title", "summary", "caption", "alt_text")


@dataclass(frozen=True)
class MachineDraft:
    """What an engine made of one language version; nothing is saved yet."""

    engine: str
    source: str
    target: str
    made_at: datetime
    texts: dict[str, str] = field(default_factory=dict)


def source_texts(article: Article, language: str) -> dict[str, str]:
    """The texts of `language` a translation is made from, the photo's included."""
    texts = {f: value_in(article, f, language) or "" for f in ARTICLE_FIELDS}
    photo = article.photo if article.photo_id else None
    for name in PHOTO_FIELDS:
        texts[name] = (value_in(photo, name, language) or "") if photo else ""
    return texts


def machine_draft_make(
    *, article: Article, source: str, target: str, engine: Engine
) -> MachineDraft:
    """`article`'s `source` version translated into `target` by `engine`; writes nothing.

    MachineTranslationError when the pair is refused (with the engine's
    reason; nothing is sent), when the source has no text, or when the engine
    fails or answers garbage.
    """
    refusal = engine.refusal(source, target)
    if refusal:
        raise MachineTranslationError(refusal)
    if not has_text_in(article, source):
        raise MachineTranslationError(
            _("The %(language)s version has no text to translate.") % {"language": source}
        )
    original = source_texts(article, source)
    texts = dict.fromkeys(REVIEWED_FIELDS, "")
    plain = [name for name in _PLAIN_FIELDS if original[name]]
    if plain:
        answer = engine.translate(
            [original[name] for name in plain], source=source, target=target, html=False
        )
        texts.update(zip(plain, answer, strict=True))
    if original["body"]:
        (body,) = engine.translate([original["body"]], source=source, target=target, html=True)
        texts["body"] = sanitize_html(body)
    # A translation of a text that is not empty is never empty: an engine
    # that answers "" has not translated it.
    if any(original[name] and not texts[name].strip() for name in texts):
        raise MachineTranslationError(garbage(engine.label))
    # Names read the same in every language.
    texts["byline"] = original["byline"]
    texts["slug"] = unique_slug(
        Article, column_name("slug", target), texts["title"], exclude_pk=article.pk
    )
    return MachineDraft(
        engine=engine.name, source=source, target=target, made_at=timezone.now(), texts=texts
    )


def _check_slug(article: Article, language: str) -> None:
    """The version's slug is free in its language (ValidationError on the slug field)."""
    column = column_name("slug", language)
    others = [f.name for f in article._meta.concrete_fields if f.name != column]
    article.validate_constraints(exclude=others)


@transaction.atomic
def translation_save(
    *,
    article: Article,
    language: str,
    texts: Mapping[str, str],
    source: str,
    state: str | None = None,
    published_at: datetime | None = None,
    user=None,
    actor: str = "",
    base_version: int | None = None,
    machine: MachineDraft | None = None,
) -> Article:
    """Write `language`'s texts (the photo's caption and alt text too), state and provenance.

    `texts`: by field name (ARTICLE_FIELDS, PHOTO_FIELDS); absent ones stay as
    they are. `state`: the new status (None keeps it). `machine`: the draft
    these texts started from, recorded as the version's machine translation;
    `article_save` then judges a person's changes to it by the provenance rule.
    ValidationError (slug taken, schedule without a time) and EditConflict
    change nothing.
    """
    if language not in LANGUAGE_CODES or source not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    had_text = has_text_in(article, language)
    text_changed = any(
        (value_in(article, name, language) or "") != (texts.get(name) or "")
        for name in TEXT_FIELDS
        if name in texts
    )
    for name in ARTICLE_FIELDS:
        if name in texts:
            setattr(article, column_name(name, language), texts[name])
    if not value_in(article, "slug", language) and value_in(article, "title", language):
        setattr(
            article,
            column_name("slug", language),
            unique_slug(
                Article,
                column_name("slug", language),
                value_in(article, "title", language),
                exclude_pk=article.pk,
            ),
        )
    _check_slug(article, language)
    _set_state(article, language, state, published_at)
    _record_provenance(article, language, source, machine, had_text=had_text, changed=text_changed)
    photo = article.photo if article.photo_id else None
    if photo is not None and any(name in texts for name in PHOTO_FIELDS):
        photo_texts_save(
            photo=photo,
            captions={language: texts["caption"]} if "caption" in texts else None,
            alt_texts={language: texts["alt_text"]} if "alt_text" in texts else None,
        )
    return article_save(article=article, user=user, actor=actor, base_version=base_version)


def _set_state(article: Article, language: str, state: str | None, when: datetime | None) -> None:
    if state is None:
        if value_in(article, "status", language) is None:
            setattr(article, column_name("status", language), Status.DRAFT)
        return
    if state == Status.SCHEDULED and when is None:
        raise ValidationError({"published_at": _("A scheduled version needs a publication time.")})
    setattr(article, column_name("status", language), state)
    if state == Status.PUBLISHED and when is None:
        when = value_in(article, "published_at", language) or timezone.now()
    if when is not None:
        setattr(article, column_name("published_at", language), when)


def _record_provenance(
    article: Article,
    language: str,
    source: str,
    machine: MachineDraft | None,
    *,
    had_text: bool,
    changed: bool,
) -> None:
    if machine is not None:
        MachineTranslation.objects.update_or_create(
            article=article,
            language=language,
            defaults={
                "engine": machine.engine,
                "source_language": machine.source,
                "created_at": machine.made_at,
                "texts": {name: machine.texts.get(name, "") for name in REVIEWED_FIELDS},
                "reviewed_by": None,
                "reviewed_at": None,
            },
        )
        mark_translation(article, language, source=machine.source, origin=Origin.MACHINE)
    elif not had_text:
        mark_translation(article, language, source=source, origin=Origin.HUMAN)
    elif changed and value_in(article, "origin", language) not in (None, Origin.ORIGINAL):
        # The translator worked from the source as it stands now: the
        # version is no longer behind it.
        mark_translation(
            article, language, source=source, origin=value_in(article, "origin", language)
        )


def language_label(code: str) -> str:
    return f"{ENDONYMS.get(code, code)} ({code})"
