"""Which cached pages are stale, known to every process and node at once.

Writes append tags (articles/cache/tags.py) to an invalidation log in
the database (`Invalidation`), after their transaction commits. Each process
keeps a small picture of that log (the newest entry per tag), refreshed at most
every PAGE_CACHE_CHECK_SECONDS, so a cache hit normally costs no query at all.
The database, not the cache, holds the log because it is the one thing gunicorn
workers, management commands and other nodes all share, whatever cache backend
each process has (the local-memory default is private to a process).

A cached page records the log position it was rendered *after* (its
watermark); it is stale as soon as any of its tags has a newer entry. Entries
are written after the data commits, so a change can never hide behind a
watermark read before the render that missed it.

Ids are allocated before commit, so on PostgreSQL id 12 may become visible
before id 11. A missing id is remembered as a gap for a few seconds and looked
for again; the watermark stays below the oldest gap, so nothing is missed.

Time changes pages too: a scheduled version goes live, an embargo lifts, a
version expires, a lead photo's rights run out, with no write at all.
`next_clock_event()` says when the next such moment is; cached pages are not
served past it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from articles.cache.purge import purge_tags
from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.status import LIVE_STATES
from articles.models import Article, Invalidation

logger = logging.getLogger(__name__)

# How long a missing id may still turn up (a transaction between id and commit).
GAP_SECONDS = 5.0
MAX_GAPS = 10_000
# Rows older than this are deleted; cached pages live much shorter (PAGE_CACHE_SECONDS).
RETENTION = timedelta(hours=2)


class InvalidationState:
    """This process's picture of the invalidation log."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (tests: the database was rolled back under us)."""
        self.loaded = False
        self.checked_at = 0.0  # time.monotonic() of the last read
        self.max_seen = 0
        self.gaps: dict[int, float] = {}
        self.latest: dict[str, int] = {}
        self.next_event: float | None = None  # epoch seconds

    # --- reading -------------------------------------------------------------

    def is_current(self) -> bool:
        """Whether the picture is recent enough to serve from without reading the log:
        read within the check interval, and no scheduled moment passed since."""
        return (
            self.loaded
            and (self.next_event is None or time.time() < self.next_event)
            and time.monotonic() - self.checked_at < settings.PAGE_CACHE_CHECK_SECONDS
        )

    def refresh(self, *, force: bool = False) -> None:
        """Read new log entries if the last read is older than the check interval."""
        if not force and self.is_current():
            return
        now = time.monotonic()
        clock_due = self.next_event is not None and time.time() >= self.next_event
        with self._lock:
            try:
                changed = self._read()
                if changed or clock_due or not self.loaded:
                    self.next_event = next_clock_event()
            except DatabaseError:
                # Nothing can be written while the database is away, so what is
                # cached stays right; try again at the next interval.
                logger.warning("page cache: could not read the invalidation log", exc_info=True)
            else:
                self.loaded = True
            self.checked_at = now

    def _read(self) -> bool:
        rows = Invalidation.objects.all()
        if self.loaded:
            rows = rows.filter(Q(pk__gt=self.max_seen) | Q(pk__in=list(self.gaps)))
        found = sorted(rows.values_list("pk", "tag"))
        now = time.monotonic()
        for pk, tag in found:
            if self.latest.get(tag, 0) < pk:
                self.latest[tag] = pk
            self.gaps.pop(pk, None)
            if pk > self.max_seen:
                # Below the first id ever seen there is no telling gaps from ids
                # used long ago (rolled back, pruned): only later ids count.
                if self.loaded and self.max_seen:
                    for missing in range(self.max_seen + 1, min(pk, self.max_seen + MAX_GAPS)):
                        self.gaps.setdefault(missing, now)
                self.max_seen = pk
        for pk, since in list(self.gaps.items()):
            if now - since > GAP_SECONDS or len(self.gaps) > MAX_GAPS:
                del self.gaps[pk]  # rolled back, or never coming
        return bool(found)

    def watermark(self) -> int:
        """The log position below which this process has seen every entry."""
        return min(self.gaps) - 1 if self.gaps else self.max_seen

    def is_fresh(self, watermark: int, tags: Iterable[str]) -> bool:
        latest = self.latest
        return all(latest.get(tag, 0) <= watermark for tag in tags)

    def generation(self, tag: str) -> int:
        """A number that moves on whenever `tag` is invalidated (for other caches)."""
        self.refresh()
        return self.latest.get(tag, 0)


state = InvalidationState()


def next_clock_event(now: datetime | None = None) -> float | None:
    """When the next version goes live, expires or leaves its embargo, or the rights
    of a photo some article shows run out (epoch seconds)."""
    # From time.time(), the clock pages are checked against.
    now = now or datetime.fromtimestamp(time.time(), tz=UTC)
    moments = {
        "embargo": Min("embargo_until", filter=Q(embargo_until__gt=now)),
        # Lists show thumbnails, feeds and the API the lead photo.
        "photo": Min("photo__rights_expire_at", filter=Q(photo__rights_expire_at__gt=now)),
    }
    for code in LANGUAGE_CODES:
        moments[column_name("p", code)] = Min(
            column_name("published_at", code),
            filter=Q(
                **{
                    column_name("status", code) + "__in": LIVE_STATES,
                    column_name("published_at", code) + "__gt": now,
                }
            ),
        )
        moments[column_name("e", code)] = Min(
            column_name("expires_at", code),
            filter=Q(**{column_name("expires_at", code) + "__gt": now}),
        )
    found = [value for value in Article.objects.aggregate(**moments).values() if value]
    return min(found).timestamp() if found else None


def article_clock_event(article, now: datetime | None = None) -> float | None:
    """`next_clock_event` for one loaded article (its page's switcher, text and photo)."""
    now = now or timezone.now()
    found = [article.embargo_until]
    if article.photo_id and article.photo is not None:
        found.append(article.photo.rights_expire_at)
    for code in LANGUAGE_CODES:
        found.append(value_in(article, "expires_at", code))
        if value_in(article, "status", code) in LIVE_STATES:
            found.append(value_in(article, "published_at", code))
    future = [moment for moment in found if moment and moment > now]
    return min(future).timestamp() if future else None


# --- writing -----------------------------------------------------------------


class _Batch:
    """The tags one transaction invalidates, recorded once when it commits."""

    def __init__(self, queue: list) -> None:
        self.queue = queue  # the connection's on-commit list it was registered in
        self.tags: set[str] = set()
        self.urls: set[str] = set()

    def __call__(self) -> None:
        record(self.tags, self.urls)


# The open transaction's batch. A context variable, like the connection it
# belongs to, is one per thread (and per task under ASGI), so two requests
# never share one.
_pending: ContextVar[_Batch | None] = ContextVar("page_cache_batch", default=None)


def invalidate(tags: Iterable[str], *, urls: Iterable[str] = ()) -> None:
    """Mark `tags` stale once the current transaction commits (at once outside one).

    `urls` are public URLs to purge at the CDN besides those the tags name
    then: worked out before the write, for what it takes away.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        record(set(tags), set(urls))
        return
    # One batch per transaction: an import saving thousands of articles writes
    # the log once. Django replaces its on-commit list after a commit or a
    # rollback, so a batch whose list is gone belonged to a finished
    # transaction (a rolled-back one's tags are dropped with it).
    batch = _pending.get()
    if batch is None or batch.queue is not connection.run_on_commit:
        batch = _Batch(connection.run_on_commit)
        _pending.set(batch)
        transaction.on_commit(batch, robust=True)
    batch.tags.update(tags)
    batch.urls.update(urls)


def forget_pending() -> None:
    """Drop what the open transaction would invalidate (tests: setup data counts as old)."""
    _pending.set(None)


def record(tags: set[str], urls: set[str] = frozenset()) -> None:
    """Append `tags` to the log now, then tell the CDN (if configured) of them and `urls`."""
    if tags:
        try:
            Invalidation.objects.bulk_create(Invalidation(tag=tag) for tag in sorted(tags))
            Invalidation.objects.filter(created_at__lt=timezone.now() - RETENTION).delete()
        except DatabaseError:
            logger.exception("page cache: could not record invalidations %s", sorted(tags))
            return
        # This process sees its own change at once, others within the check interval.
        state.refresh(force=True)
    elif not urls:
        return
    purge_tags(tags, urls)
