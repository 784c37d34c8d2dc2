"""Writes: one function per action, keyword-only. The admin, commands and
importers call these, so the rules (locking, revisions, scheduling) hold on
every path."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.domain.languages import LANGUAGE_CODES
from articles.models import Article, Revision
from articles.services.permissions import Rights, language_of
from articles.services.revisions import restore_plan, restore_text, revision_record
from articles.services.scheduling import schedule_go_live


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


@transaction.atomic
def article_save(
    *, article: Article, user=None, actor: str = "", base_version: int | None = None
) -> Article:
    """Save `article`, refusing if it changed since `base_version` was read.

    The version check and bump is one conditional UPDATE, so two saves based
    on the same version cannot both pass, on SQLite or PostgreSQL.
    """
    if article.pk is not None:
        expected = article.version if base_version is None else base_version
        moved = Article.objects.filter(pk=article.pk, version=expected).update(
            version=F("version") + 1
        )
        if not moved:
            raise EditConflict(article, since_version=expected)
        article.version = expected + 1
    article.save()
    revision_record(article=article, user=user, actor=actor)
    schedule_go_live(article)
    return article


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
