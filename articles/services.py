"""Writes: one function per action, keyword-only. The admin, commands and
importers call these, so the rules (locking, revisions, scheduling) hold on
every path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .languages import LANGUAGE_CODES, column_suffix
from .models import Article, Revision
from .permissions import Rights, language_of
from .revisions import changed_languages, restore_plan, restore_text, snapshot
from .status import LIVE_STATES, Status


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


def revision_record(
    *, article: Article, user=None, actor: str = "", created: bool = False
) -> Revision | None:
    """Record the article as it now stands, if anything changed since the last revision.

    `created`: the article was inserted just now, so it has no revision to
    compare with (saves the importer a query per new article).
    """
    last = None if created else article.revisions.order_by("-version", "-id").first()
    snap = snapshot(article)
    languages = changed_languages(last.snapshot if last else None, snap)
    if last and not languages and last.snapshot["shared"] == snap["shared"]:
        return None
    return Revision.objects.create(
        article=article,
        version=article.version,
        user=user if getattr(user, "pk", None) else None,
        actor=actor,
        languages=languages,
        snapshot=snap,
    )


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
    _schedule_go_live(article)
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
    (articles/revisions.py restore_plan says which). A named language that may
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


@dataclass
class SchedulerRun:
    published: list[tuple[int, str]] = field(default_factory=list)
    taken_down: list[tuple[int, str]] = field(default_factory=list)


def _flip(pk: int, language: str, *, from_states, to_state: str, extra: dict) -> bool:
    """One language version's state change, only if it is still in `from_states`.

    A conditional UPDATE: of two schedulers (or a scheduler and an editor's
    save) racing on the same version, exactly one changes it.
    """
    suffix = column_suffix(language)
    return bool(
        Article.objects.filter(pk=pk, **{f"status_{suffix}__in": from_states}, **extra).update(
            **{f"status_{suffix}": to_state}, version=F("version") + 1
        )
    )


def publish_due(*, now: datetime | None = None) -> SchedulerRun:
    """Record go-lives that are due and take down what expired. Idempotent."""
    now = now or timezone.now()
    run = SchedulerRun()
    for code in LANGUAGE_CODES:
        suffix = column_suffix(code)
        due = Article.objects.filter(
            **{f"status_{suffix}": Status.SCHEDULED, f"published_at_{suffix}__lte": now}
        ).values_list("pk", flat=True)
        for pk in due:
            with transaction.atomic():
                if _flip(
                    pk,
                    code,
                    from_states=[Status.SCHEDULED],
                    to_state=Status.PUBLISHED,
                    extra={f"published_at_{suffix}__lte": now},
                ):
                    revision_record(article=Article.objects.get(pk=pk), actor="scheduler")
                    run.published.append((pk, code))
        expired = Article.objects.filter(
            **{f"status_{suffix}__in": LIVE_STATES, f"expires_at_{suffix}__lte": now}
        ).values_list("pk", flat=True)
        for pk in expired:
            with transaction.atomic():
                if _flip(
                    pk,
                    code,
                    from_states=LIVE_STATES,
                    to_state=Status.UNPUBLISHED,
                    extra={f"expires_at_{suffix}__lte": now},
                ):
                    revision_record(article=Article.objects.get(pk=pk), actor="scheduler")
                    run.taken_down.append((pk, code))
    return run


def _schedule_go_live(article: Article) -> None:
    """Ask the task worker to run the scheduler at each scheduled version's time.

    Only where the task backend can defer work (a real worker); otherwise the
    cron job or `publish_scheduled --every 60` picks it up. Readers see the
    version on time either way: availability does not wait for the scheduler.
    """
    from django.tasks import default_task_backend

    from .tasks import publish_scheduled_task

    if not default_task_backend.supports_defer:
        return
    for code in LANGUAGE_CODES:
        suffix = column_suffix(code)
        when = getattr(article, f"published_at_{suffix}")
        if getattr(article, f"status_{suffix}") == Status.SCHEDULED and when:
            transaction.on_commit(
                lambda when=when: publish_scheduled_task.using(run_after=when).enqueue()
            )
