"""Corrections through their service: the admin and code both date the language version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.services.corrections import correction_delete, correction_save
from tests.admin.test_articles import form_data
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return user


@pytest.fixture
def dated_article():
    """Public in en and pt, each version last changed a day ago."""
    article = ArticleFactory(languages=("en", "pt"))
    day_ago = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
    Article.objects.filter(pk=article.pk).update(changed_at_en=day_ago, changed_at_pt=day_ago)
    return Article.objects.get(pk=article.pk), day_ago


def _correction_rows(**row) -> dict[str, str]:
    now = timezone.now()
    data = {
        "corrections-0-language": "en",
        "corrections-0-note": "An earlier version misspelt a name.",
        "corrections-0-created_at_0": now.strftime("%Y-%m-%d"),
        "corrections-0-created_at_1": now.strftime("%H:%M:%S"),
    }
    data.update({f"corrections-0-{name}": value for name, value in row.items()})
    return data


def test_a_correction_added_in_the_admin_dates_its_version_and_is_recorded(
    client, editor, dated_article
):
    article, day_ago = dated_article
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url, form_data(article, **{"corrections-TOTAL_FORMS": "1"}, **_correction_rows())
    )
    assert response.status_code == 302
    correction = Correction.objects.get(article=article)
    assert correction.created_by == editor
    article.refresh_from_db()
    assert article.changed_at_en > day_ago
    assert article.changed_at_pt == day_ago  # another language's readers saw nothing change
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    assert entry.get_change_message() == f"Added correction “{correction}”."


def test_a_correction_deleted_in_the_admin_dates_its_version_and_is_recorded(
    client, editor, dated_article
):
    article, day_ago = dated_article
    correction = Correction.objects.create(article=article, language="pt", note="Nome corrigido.")
    Article.objects.filter(pk=article.pk).update(changed_at_pt=day_ago)
    article = Article.objects.get(pk=article.pk)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(
        article,
        **{"corrections-TOTAL_FORMS": "1", "corrections-INITIAL_FORMS": "1"},
        **_correction_rows(id=str(correction.pk), language="pt", note=correction.note, DELETE="on"),
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert not Correction.objects.exists()
    article.refresh_from_db()
    assert article.changed_at_pt > day_ago
    assert article.changed_at_en == day_ago
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    assert entry.get_change_message() == f"Deleted correction “{correction}”."


def test_a_correction_saved_from_code_dates_its_version_and_records_its_author(
    editor, dated_article
):
    article, day_ago = dated_article
    correction = correction_save(
        correction=Correction(article=article, language="en", note="Date corrected."), by=editor
    )
    assert correction.created_by == editor
    article.refresh_from_db()
    assert article.changed_at_en > day_ago
    assert article.changed_at_pt == day_ago

    Article.objects.filter(pk=article.pk).update(changed_at_en=day_ago)
    correction_delete(correction=correction)
    assert not Correction.objects.exists()
    assert Article.objects.get(pk=article.pk).changed_at_en > day_ago


def test_an_invalid_correction_changes_nothing(dated_article):
    article, day_ago = dated_article
    first = correction_save(correction=Correction(article=article, language="en", note="Fixed."))
    Article.objects.filter(pk=article.pk).update(changed_at_en=day_ago)
    with pytest.raises(ValidationError):
        correction_save(
            correction=Correction(article=article, language="en", note="Same.", matches=first)
        )
    assert Correction.objects.count() == 1
    assert Article.objects.get(pk=article.pk).changed_at_en == day_ago


def test_a_plain_save_is_only_a_row(dated_article):
    """The workflow is the service's: Correction.save() writes the row and nothing else."""
    article, day_ago = dated_article
    Correction.objects.create(article=article, language="en", note="Fixed.")
    assert Article.objects.get(pk=article.pk).changed_at_en == day_ago
