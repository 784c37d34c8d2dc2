"""Background work on photos, through Django's Tasks (settings.TASKS).

With the default immediate backend a task runs at once in the process that
enqueued it; with TASKS_BACKEND=database, `manage.py db_worker` runs it.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.tasks import task

from articles.models import Photo
from articles.photos.renditions import ensure_renditions

logger = logging.getLogger(__name__)


@task()
def make_renditions(photo_id: int) -> int:
    """Make the renditions a photo lacks; the number made."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return 0  # deleted since it was enqueued
    try:
        return len(ensure_renditions(photo))
    except Exception:
        # The immediate backend records a failure without logging it.
        logger.exception("Making the renditions of photo %s failed", photo_id)
        raise


def enqueue_renditions(photo_id: int) -> None:
    """Enqueue make_renditions once the current transaction commits.

    Not before: a worker must find the photo's row and its original.
    """
    transaction.on_commit(partial(make_renditions.enqueue, photo_id))
