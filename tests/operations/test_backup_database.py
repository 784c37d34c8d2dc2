"""The restore's database steps called directly: Django's flush and loading, not its commands."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from articles.models import Article, Correction
from newsroom.operations.backup import database
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


# Flushing truncates the tables, which PostgreSQL refuses inside a transaction that
# has deferred constraint checks pending: these run outside the test's transaction,
# as a restore does.
@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_tables_and_the_apps_recreate_their_rows():
    ArticleFactory(languages=("pt",))
    database.flush()
    assert not Article.objects.exists()
    # Recreated: the dump's permissions and content types are found by natural key.
    assert ContentType.objects.get_by_natural_key("articles", "article")
    assert Permission.objects.filter(codename="change_article").exists()


@pytest.mark.django_db(transaction=True)
def test_load_puts_the_rows_in_and_moves_the_ids_on(tmp_path):
    article = ArticleFactory(languages=("pt",))
    fixture = tmp_path / "data.json"
    database.dump_json(fixture)
    database.flush()
    with transaction.atomic():
        database.load(fixture)
    assert Article.objects.get(pk=article.pk).title_pt == article.title_pt
    assert ArticleFactory(languages=("en",)).pk > article.pk  # the sequence moved past it


def test_a_row_that_does_not_fit_loads_nothing(tmp_path):
    rows = [
        {
            "model": "articles.correction",
            "pk": 1,
            "fields": {
                "article": 999999,
                "language": "pt",
                "note": "Órfã.",
                "created_at": "2026-01-01T00:00:00Z",
                "matches": None,
                "created_by": None,
            },
        },
    ]
    fixture = tmp_path / "data.json"
    fixture.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(IntegrityError), transaction.atomic():
        database.load(fixture)
    assert not Correction.objects.exists()
