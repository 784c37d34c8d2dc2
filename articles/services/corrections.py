"""Corrections: writing and withdrawing the dated notes at the foot of a language version."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.domain.changes import modified_field
from articles.models import Article, Correction


@transaction.atomic
def correction_save(*, correction: Correction, by=None) -> Correction:
    """Save a new or edited correction; its language version counts as changed now.

    `by` (a user) is recorded as the author of a correction that has none yet.
    """
    if correction.created_by_id is None and getattr(by, "pk", None):
        correction.created_by = by
    correction.full_clean(exclude=["created_by"])
    correction.save()
    _date_the_version(correction)
    return correction


@transaction.atomic
def correction_delete(*, correction: Correction) -> None:
    """Withdraw a correction; its language version counts as changed now."""
    _date_the_version(correction)
    correction.delete()


def _date_the_version(correction: Correction) -> None:
    # Readers of this language version see the note (or see it gone): a public
    # change of that version, and of no other.
    Article.objects.filter(pk=correction.article_id).update(
        **{modified_field(correction.language): timezone.now()}
    )
