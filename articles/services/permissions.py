"""Who may change what in an article or a photo, checked on the server for every save.

Roles are Django groups (created by migration 0007_roles):
- reporter: creates and edits drafts and versions in review; cannot publish;
- translator: edits only the language versions of their assigned languages,
  cannot publish, cannot touch shared fields;
- editor: everything above, plus publishing, scheduling, taking down, corrections;
- chief editor: everything, including deleting articles and assigning roles.

What readers see is the editors': without the publish permission nobody
changes a language version beyond draft and review, nor, once any version of
an article is, what its versions share (section, authors, tags, photo,
copyright), nor a photo that a live version shows. Every per-language field
follows the rules of its language; which fields those are is read from the
translation registration (articles/translation.py), so a new one cannot be
forgotten here.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.domain.status import Status
from articles.models import Article, Photo

PUBLISH = "articles.publish_article"
ALL_LANGUAGES = "articles.edit_all_languages"
# States anyone who can edit may put a version in; the others are publishing.
EDITING_STATES = (Status.DRAFT, Status.REVIEW)
# The article form shows the photo's per-language texts as photo_<field>_<suffix>.
PHOTO_TEXT_PREFIX = "photo_"
# Form fields that carry no data of the article.
FORM_ONLY_FIELDS = frozenset({"base_version"})
# Key of the shared fields' errors in change_errors_by_language.
SHARED = ""


@functools.cache
def _per_language_columns(model) -> dict[str, str]:
    """{column: language} for every field of `model` registered as per language."""
    fields = translator.get_options_for_model(model).fields
    return {column_name(field, code): code for field in fields for code in LANGUAGE_CODES}


def language_of(form_field: str) -> str | None:
    """The language a field of the article form belongs to; None for shared fields."""
    if form_field.startswith(PHOTO_TEXT_PREFIX):
        code = _per_language_columns(Photo).get(form_field.removeprefix(PHOTO_TEXT_PREFIX))
        if code is not None:
            return code
    return _per_language_columns(Article).get(form_field)


def editable_languages(user) -> set[str]:
    if user.has_perm(ALL_LANGUAGES):
        return set(LANGUAGE_CODES)
    return set(user.translator_languages.values_list("language", flat=True))


@dataclass(frozen=True)
class Rights:
    """What one user may do to articles: read once, asked for many checks."""

    publish: bool
    all_languages: bool
    languages: frozenset[str]

    @classmethod
    def of(cls, user) -> Rights:
        return cls(
            publish=user.has_perm(PUBLISH),
            all_languages=user.has_perm(ALL_LANGUAGES),
            languages=frozenset(editable_languages(user)),
        )


def _state(article: Article, code: str) -> str:
    return getattr(article, column_name("status", code), None) or Status.DRAFT


def live_languages(article: Article) -> list[str]:
    """The article's language versions beyond draft and review (readers' business)."""
    return [code for code in LANGUAGE_CODES if _state(article, code) not in EDITING_STATES]


def photo_live_languages(photo: Photo | None) -> set[str]:
    """Languages in which some article using `photo` has a version beyond draft and review."""
    if photo is None or photo.pk is None:
        return set()
    counts = Article.objects.filter(photo=photo).aggregate(
        **{
            code: Count("pk", filter=~Q(**{column_name("status", code) + "__in": EDITING_STATES}))
            for code in LANGUAGE_CODES
        }
    )
    return {code for code, count in counts.items() if count}


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _languages(codes: Iterable[str]) -> str:
    return ", ".join(sorted(codes))


def _shared_field_error(rights: Rights, name: str, live: list[str]) -> str | None:
    if name == "embargo_until" and not rights.publish:
        return _("Only editors may set the embargo.")
    if name == "uri" and not rights.publish:
        # Agency copy with this URI overwrites the article, and publishes it
        # when imported with --publish: setting it is publishing by another name.
        return _("Only editors may set or change the wire URI.")
    if not rights.all_languages:
        return _("You may change only your languages' texts, not %(field)s.") % {
            "field": _label(Article, name)
        }
    if live and not rights.publish:
        return _("The article is live in %(languages)s: only editors may change its %(field)s.") % {
            "languages": _languages(live),
            "field": _label(Article, name),
        }
    return None


def change_errors_by_language(
    *, rights: Rights, before: Article, changed: Iterable[str], cleaned: dict
) -> dict[str, list[str]]:
    """Why these changes to `before` are refused, by language (SHARED for shared fields).

    `changed`: names of the article form's fields (columns, and the photo's
    texts as photo_<field>_<suffix>); `cleaned`: their new values. `before`
    is the article as stored.
    """
    errors: dict[str, set[str]] = defaultdict(set)
    live = live_languages(before)
    photo_live: set[str] | None = None
    for name in changed:
        if name in FORM_ONLY_FIELDS:
            continue
        code = language_of(name)
        if code is None:
            error = _shared_field_error(rights, name, live)
            if error:
                errors[SHARED].add(error)
            continue
        if code not in rights.languages:
            errors[code].add(_("You may not edit the %(language)s version.") % {"language": code})
            continue
        if rights.publish:
            continue
        current = _state(before, code)
        if current not in EDITING_STATES:
            errors[code].add(
                _("The %(language)s version is %(status)s: only editors may change it.")
                % {"language": code, "status": Status(current).label}
            )
        elif name == column_name("status", code) and cleaned.get(name) not in EDITING_STATES:
            errors[code].add(_("Only editors may publish, schedule or take down."))
        elif name.startswith(("published_at_", "expires_at_")):
            errors[code].add(_("Only editors may set publication times."))
        elif name.startswith(PHOTO_TEXT_PREFIX):
            if photo_live is None:
                # The photo the article has after this save: its texts are written there.
                photo = cleaned["photo"] if "photo" in cleaned else before.photo
                photo_live = photo_live_languages(photo)
            if code in photo_live:
                errors[code].add(_photo_text_error(code))
    return {key: sorted(messages) for key, messages in errors.items()}


def article_change_errors(*, user, before, changed: list[str], cleaned: dict) -> list[str]:
    """Why `user` may not make these changes to `before` (empty if they may)."""
    by_language = change_errors_by_language(
        rights=Rights.of(user), before=before, changed=changed, cleaned=cleaned
    )
    return sorted({error for errors in by_language.values() for error in errors})


def _photo_text_error(code: str) -> str:
    return _(
        "The photo is shown by an article whose %(language)s version is live: "
        "only editors may change its %(language)s texts."
    ) % {"language": code}


def photo_change_errors(*, user, photo: Photo, changed: Iterable[str]) -> list[str]:
    """Why `user` may not make these changes to `photo` (empty if they may).

    `changed`: the photo's columns (the new image as "image"). While an
    article using the photo has a live version, only editors change what
    every such version shows (image, credit, rights, focal point), and the
    photo's texts in each language that is live.
    """
    rights = Rights.of(user)
    live = photo_live_languages(photo) if not rights.publish else set()
    errors = set()
    for name in changed:
        code = _per_language_columns(Photo).get(name)
        if code is not None and code not in rights.languages:
            errors.add(_("You may not edit the %(language)s texts.") % {"language": code})
        elif code is not None and code in live:
            errors.add(_photo_text_error(code))
        elif code is None and live:
            errors.add(
                _(
                    "The photo is shown by an article live in %(languages)s: "
                    "only editors may change its %(field)s."
                )
                % {"languages": _languages(live), "field": _label(Photo, name)}
            )
    return sorted(errors)
