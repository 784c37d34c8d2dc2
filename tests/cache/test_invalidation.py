"""Writes mark pages stale once their transaction commits (articles/cache/invalidation.py):
each transaction writes the log once, whatever number of saves it makes, and a
transaction that rolls back marks nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from articles.cache.invalidation import forget_pending, invalidate
from articles.models import Invalidation

pytestmark = pytest.mark.django_db


def logged() -> list[str]:
    return list(Invalidation.objects.order_by("pk").values_list("tag", flat=True))


class Refused(Exception):
    pass


def test_one_transaction_writes_each_of_its_tags_once(django_capture_on_commit_callbacks):
    forget_pending()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            invalidate(["article:1", "lists"])
            invalidate(["article:1"])
            invalidate(["article:2", "lists"])
    assert len(callbacks) == 1
    assert sorted(logged()) == ["article:1", "article:2", "lists"]


def test_a_rolled_back_transaction_marks_nothing_and_the_next_one_its_own(
    django_capture_on_commit_callbacks,
):
    forget_pending()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Refused), transaction.atomic():
            invalidate(["article:1"])
            raise Refused
        with transaction.atomic():
            invalidate(["article:2"])
    assert logged() == ["article:2"]


def test_forgotten_pending_tags_are_not_written(django_capture_on_commit_callbacks):
    invalidate(["setup"])  # in the test's own transaction, which never commits
    forget_pending()
    with django_capture_on_commit_callbacks(execute=True):
        invalidate(["article:3"])
    assert logged() == ["article:3"]
