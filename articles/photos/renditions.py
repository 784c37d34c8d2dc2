"""Renditions in the database and in storage: each (photo, spec, format) made once.

A small module of our own rather than easy-thumbnails, sorl-thumbnail or
django-imagekit: those name variants by option strings and render them lazily
on first request, while here the set is fixed and named, made ahead of time by
a task, in formats chosen per spec (AVIF, WebP, JPEG), with a focal-point crop,
and with "made once" guaranteed by a row claimed under a unique constraint.
Pillow does all the image work (render.py).

Claiming: before rendering, a process inserts the (photo, spec, format) row with
an empty file. The unique constraint lets only one insert win, so only one
process renders it; readers never see a claim (querysets only read rows with a
file). A claim whose process died is taken over after STALE_CLAIM.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from contextlib import suppress
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from articles.models import Photo, Rendition
from articles.photos.render import prepare, render
from articles.photos.specs import FORMATS, SPECS, Spec, specs_for
from articles.photos.staging import delete_quietly, open_stored

logger = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=10)


def planned(photo: Photo, specs: set[str] | None = None) -> list[tuple[Spec, str]]:
    """Every (spec, format) this photo should have."""
    return [(s, f) for s in specs_for(photo.width, photo.height, specs) for f in FORMATS]


def ensure_renditions(photo: Photo, *, specs: set[str] | None = None) -> list[Rendition]:
    """Make the renditions this photo lacks (or only those of `specs`); return those made.

    Safe to call from several processes at once: each rendition is rendered by
    exactly one of them. A photo whose rights have expired gets none.
    """
    if not photo.rights_current():
        return []
    claimed = _claim(photo, planned(photo, specs))
    if not claimed:
        return []
    try:
        return _render_into(photo, claimed)
    except BaseException:
        # Give unfinished claims up, so that a later run can make them. (In a
        # transaction the error has already broken, that is the rollback's job.)
        with suppress(DatabaseError):
            Rendition.objects.filter(pk__in=[r.pk for r in claimed], file="").delete()
        raise


def rebuild_renditions(photo: Photo, *, specs: set[str] | None = None) -> list[Rendition]:
    """Render this photo's renditions afresh, replacing their files.

    A full rebuild (no `specs`) also removes renditions of specs or formats
    that no longer exist.
    """
    targets = planned(photo, specs)
    if specs is None:
        wanted = {(s.name, f) for s, f in targets}
        obsolete = [r.pk for r in photo.renditions.all() if (r.spec, r.format) not in wanted]
        Rendition.objects.filter(pk__in=obsolete).delete()
    if not photo.rights_current():
        return []
    rows = [
        Rendition.objects.get_or_create(photo=photo, spec=spec.name, format=fmt)[0]
        for spec, fmt in targets
    ]
    return _render_into(photo, rows)


def _claim(photo: Photo, targets: list[tuple[Spec, str]]) -> list[Rendition]:
    existing = {(r.spec, r.format): r for r in Rendition.objects.filter(photo=photo)}
    now = timezone.now()
    claimed = []
    for spec, fmt in targets:
        row = existing.get((spec.name, fmt))
        if row is None:
            try:
                with transaction.atomic():
                    row = Rendition.objects.create(
                        photo=photo, spec=spec.name, format=fmt, claimed_at=now
                    )
            except IntegrityError:
                continue  # another process claimed it a moment ago
        elif row.file or row.claimed_at > now - STALE_CLAIM:
            continue  # made already, or being made right now
        elif not Rendition.objects.filter(pk=row.pk, file="", claimed_at=row.claimed_at).update(
            claimed_at=now
        ):
            continue  # another process took the stale claim over first
        claimed.append(row)
    return claimed


def _render_into(photo: Photo, rows: list[Rendition]) -> list[Rendition]:
    """Render the rows' (spec, format)s from the original and attach the files."""
    by_spec: dict[Spec, dict[str, Rendition]] = defaultdict(dict)
    for row in rows:
        by_spec[SPECS[row.spec]][row.format] = row
    with open_stored(photo.image.storage, photo.image.name) as original:
        picture = prepare(original, specs=by_spec)
    focal = (photo.focal_x, photo.focal_y)
    targets = {spec: list(formats) for spec, formats in by_spec.items()}
    for rendered in render(picture, targets, focal=focal):
        row = by_spec[rendered.spec][rendered.encoding.format]
        _attach(row, rendered)
    return rows


def _attach(row: Rendition, rendered) -> None:
    storage = row.file.storage
    digest = hashlib.sha256(rendered.content).hexdigest()[:12]
    name = f"renditions/{row.photo_id}/{row.spec}.{digest}{rendered.encoding.extension}"
    written = not storage.exists(name)
    if written:
        try:
            name = storage.save(name, ContentFile(rendered.content))
        except BaseException:
            # A disk that filled up mid-write leaves a partial file under this
            # name; left there, the next run would take it for the rendition.
            delete_quietly(storage, name)
            raise
    previous = row.file.name
    row.file.name, row.width, row.height = name, rendered.width, rendered.height
    try:
        row.save(update_fields=["file", "width", "height"])
    except BaseException:
        if written:
            storage.delete(name)
        raise
    if previous and previous != name:
        transaction.on_commit(partial(storage.delete, previous))
