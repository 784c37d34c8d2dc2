"""Writes: one function per action, keyword-only. The admin, commands and
importers call these, so the rules (locking, revisions, scheduling) hold on
every path."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.domain.changes import (
    StoredArticle,
    changed_versions,
    compared_columns,
    modified_field,
    text_changes,
)
from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import Article, Revision
from articles.services.machine_review import machine_reviews_record
from articles.services.permissions import Rights, language_of
from articles.services.redirects import remember_retired_slugs
from articles.services.revisions import restore_plan, restore_text, revision_record
from articles.services.scheduling import schedule_go_live

# Times are kept to the second, as the admin shows and posts them; otherwise
# every admin save would "change" them by the microseconds.
_TIMES: tuple[str, ...] = (
    "embargo_until",
    *(column_name(f, c) for f in ("published_at", "expires_at") for c in LANGUAGE_CODES),
)


class EditConflict(Exception):
    """Someone saved the article after this editor opened it."""

    def __init__(self, article: Article, since_version: int):
        self.revisions = list(
            Revision.objects.filter(article=article, version__gt=since_version)
            .select_related("user")
            .order_by("version")
        )
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = []
        for revision in self.revisions:
            languages = ", ".join(revision.languages) or _("no language text")
            parts.append(
                _("%(who)s changed %(languages)s at %(when)s")
                % {
                    "who": revision.author_label,
                    "languages": languages,
                    "when": timezone.localtime(revision.created_at).strftime("%H:%M:%S"),
                }
            )
        changes = "; ".join(parts) or _("someone else saved it")
        return _(
            "This article was changed since you opened it (%(changes)s). Your text is still "
            "in the form: copy what you need, reload the article, and apply your changes again."
        ) % {"changes": changes}


def stored_article(pk: int) -> StoredArticle:
    """The compared columns of article `pk` as the database holds them now."""
    return StoredArticle(Article.objects.filter(pk=pk).values(*compared_columns()).get())


@transaction.atomic
def article_save(
    *,
    article: Article,
    user=None,
    actor: str = "",
    base_version: int | None = None,
    before: StoredArticle | None = None,
    changed_at: datetime | None = None,
) -> Article:
    """Save `article`, refusing if it changed since `base_version` was read.

    The version check and bump is one conditional UPDATE, so two saves based
    on the same version cannot both pass, on SQLite or PostgreSQL.

    What the save changed is judged against `before`, the row as stored
    (`StoredArticle.of` an article just loaded, for callers that hold one;
    read here otherwise): each language whose text changed moves its text
    version on, each language version readers see differently is dated
    `changed_at` (the moment of the save unless the caller dates the change,
    as the importer does with the wire's time), and slugs given up redirect.
    A revision is recorded and the go-live of scheduled versions is queued.
    """
    created = article.pk is None
    if not created:
        expected = article.version if base_version is None else base_version
        moved = Article.objects.filter(pk=article.pk, version=expected).update(
            version=F("version") + 1
        )
        if not moved:
            raise EditConflict(article, since_version=expected)
        article.version = expected + 1
        if before is None:
            before = stored_article(article.pk)
    else:
        before = None
    _record_changes(article, before, changed_at or timezone.now())
    machine_reviews_record(article=article, before=before, user=user)
    article.save()
    if before is not None:
        remember_retired_slugs(article, {code: before.slug(code) for code in LANGUAGE_CODES})
    revision_record(article=article, user=user, actor=actor, created=created)
    schedule_go_live(article)
    return article


def _record_changes(article: Article, before: StoredArticle | None, moment: datetime) -> None:
    """Text versions, per-language change times and the update time, set before
    the save so that they go into the same INSERT or UPDATE as the change."""
    # The comparisons see the texts as they will be stored.
    article.clean_stored_text()
    for name in _TIMES:
        value = article.__dict__.get(name)
        if value is not None and value.microsecond:
            setattr(article, name, value.replace(microsecond=0))
    # Every change of a language's text moves its version on, so that
    # translations made from it can tell they are outdated.
    for code in text_changes(article, before):
        column = column_name("text_version", code)
        setattr(article, column, (getattr(article, column) or 0) + 1)
    for code in changed_versions(article, before):
        setattr(article, modified_field(code), moment)
    article.updated_at = moment


class RestoreRefused(Exception):
    """A restore that breaks a rule; nothing was changed. `reasons` name language and rule."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))


@transaction.atomic
def article_restore(
    *, article: Article, revision: Revision, user, languages: list[str] | None = None
) -> list[str]:
    """Put back the texts of an earlier revision in `languages`; states stay as they are.

    Without `languages`: every language `user` may restore whose texts differ
    (articles/services/revisions.py restore_plan says which). A named language that may
    not be restored refuses the whole restore, with the reasons: nothing is
    written, no version moves on. Returns the languages restored.
    """
    plan = restore_plan(
        article=article,
        revision=revision,
        rights=Rights.of(user),
        corrections=article.corrections.values_list("language", "created_at"),
    )
    if languages is None:
        languages = plan.allowed
        if not languages:
            refused = [reason for reasons in plan.refusals.values() for reason in reasons]
            raise RestoreRefused(
                [_("Nothing to restore from version %(v)s.") % {"v": revision.version}, *refused]
            )
    reasons = [reason for code in languages for reason in plan.refusals.get(code, [])]
    if reasons:
        raise RestoreRefused(reasons)
    languages = [code for code in LANGUAGE_CODES if code in languages and code in plan.changes]
    if not languages:
        raise RestoreRefused(
            [_("Version %(v)s has the same texts as now there.") % {"v": revision.version}]
        )
    restore_text(article, revision.snapshot, languages)
    try:
        # An old slug may belong to another article by now.
        article.validate_constraints()
    except ValidationError as error:
        raise RestoreRefused(
            [
                f"{language_of(field) or field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    article_save(
        article=article, user=user, actor=_("restore of version %(v)s") % {"v": revision.version}
    )
    return languages
