"""Going live and coming down on time: the scheduler and its background task.

`publish_due` flips what is due (from cron, `publish_scheduled`, or the task);
`schedule_go_live` asks a task worker to run it at each scheduled version's
time. The task goes through Django's Tasks API (settings.TASKS): with the
default immediate backend it runs at once in the calling process, so a newcomer
and the tests need no worker; production points TASKS at a database-backed
worker (docs/operations.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.tasks import default_task_backend, task
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.status import LIVE_STATES, Status
from articles.models import Article
from articles.services.revisions import revision_record


@dataclass
class SchedulerRun:
    published: list[tuple[int, str]] = field(default_factory=list)
    taken_down: list[tuple[int, str]] = field(default_factory=list)


def _flip(pk: int, language: str, *, from_states, to_state: str, extra: dict) -> bool:
    """One language version's state change, only if it is still in `from_states`.

    A conditional UPDATE: of two schedulers (or a scheduler and an editor's
    save) racing on the same version, exactly one changes it.
    """
    return bool(
        Article.objects.filter(
            pk=pk, **{column_name("status", language) + "__in": from_states}, **extra
        ).update(**{column_name("status", language): to_state}, version=F("version") + 1)
    )


def publish_due(*, now: datetime | None = None) -> SchedulerRun:
    """Record go-lives that are due and take down what expired. Idempotent."""
    now = now or timezone.now()
    run = SchedulerRun()
    for code in LANGUAGE_CODES:
        due = Article.objects.filter(
            **{
                column_name("status", code): Status.SCHEDULED,
                column_name("published_at", code) + "__lte": now,
            }
        ).values_list("pk", flat=True)
        for pk in due:
            with transaction.atomic():
                if _flip(
                    pk,
                    code,
                    from_states=[Status.SCHEDULED],
                    to_state=Status.PUBLISHED,
                    extra={column_name("published_at", code) + "__lte": now},
                ):
                    revision_record(article=Article.objects.get(pk=pk), actor="scheduler")
                    run.published.append((pk, code))
        expired = Article.objects.filter(
            **{
                column_name("status", code) + "__in": LIVE_STATES,
                column_name("expires_at", code) + "__lte": now,
            }
        ).values_list("pk", flat=True)
        for pk in expired:
            with transaction.atomic():
                if _flip(
                    pk,
                    code,
                    from_states=LIVE_STATES,
                    to_state=Status.UNPUBLISHED,
                    extra={column_name("expires_at", code) + "__lte": now},
                ):
                    revision_record(article=Article.objects.get(pk=pk), actor="scheduler")
                    run.taken_down.append((pk, code))
    return run


def schedule_go_live(article: Article) -> None:
    """Ask the task worker to run the scheduler at each scheduled version's time.

    Only where the task backend can defer work (a real worker); otherwise the
    cron job or `publish_scheduled --every 60` picks it up. Readers see the
    version on time either way: availability does not wait for the scheduler.
    """
    if not default_task_backend.supports_defer:
        return
    for code in LANGUAGE_CODES:
        when = value_in(article, "published_at", code)
        if value_in(article, "status", code) == Status.SCHEDULED and when:
            transaction.on_commit(
                lambda when=when: publish_scheduled_task.using(run_after=when).enqueue()
            )


@task
def publish_scheduled_task() -> dict:
    run = publish_due()
    return {"published": len(run.published), "taken_down": len(run.taken_down)}
