"""Per-language workflow: scheduling, expiry, no lost updates, revisions."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.domain.languages import column_name
from articles.domain.status import Status
from articles.models import Article, Revision
from articles.services.articles import EditConflict, article_save
from articles.services.scheduling import publish_due
from tests.admin.test_articles import form_data
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(client, django_user_model):
    from django.test import Client

    ana = django_user_model.objects.create_superuser("ana", "a@example.org", "pw")
    bruno = django_user_model.objects.create_superuser("bruno", "b@example.org", "pw")
    first, second = Client(), Client()
    first.force_login(ana)
    second.force_login(bruno)
    return first, second


def schedule(article, language, when):
    setattr(article, column_name("status", language), Status.SCHEDULED)
    setattr(article, column_name("published_at", language), when)
    article_save(article=article)


def test_a_scheduled_version_is_public_from_its_time_and_the_scheduler_records_it(client):
    article = ArticleFactory(languages=("pt", "en"))
    schedule(article, "en", timezone.now() + timedelta(minutes=30))
    assert article.languages == ["pt"]
    assert publish_due().published == []  # not due yet

    run = publish_due(now=timezone.now() + timedelta(minutes=31))
    assert run.published == [(article.pk, "en")]
    article.refresh_from_db()
    assert article.status_en == Status.PUBLISHED
    assert article.revisions.filter(actor="scheduler", languages=["en"]).exists()
    assert publish_due(now=timezone.now() + timedelta(minutes=32)).published == []


def test_expired_versions_are_taken_down():
    article = ArticleFactory(languages=("de", "fr"))
    article.expires_at_de = timezone.now() - timedelta(seconds=1)
    article_save(article=article)
    assert article.languages == ["fr"]  # readers stop seeing it at once
    run = publish_due()
    assert run.taken_down == [(article.pk, "de")]
    article.refresh_from_db()
    assert article.status_de == Status.UNPUBLISHED


def test_the_command_reports_counts_and_runs_twice_safely():
    article = ArticleFactory(languages=("it",))
    schedule(article, "it", timezone.now() - timedelta(seconds=5))
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "Published 1, taken down 0." in out.getvalue()
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "Published 0, taken down 0." in out.getvalue()
    assert Revision.objects.filter(article=article, actor="scheduler").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_publish_once():
    if connection.vendor == "sqlite":
        pytest.skip("needs a database with concurrent connections (the PostgreSQL run)")
    articles = [ArticleFactory(languages=("es",)) for _ in range(5)]
    for article in articles:
        schedule(article, "es", timezone.now() - timedelta(seconds=1))
    results = []

    def run():
        results.append(publish_due())
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    published = [item for result in results for item in result.published]
    assert sorted(published) == sorted((a.pk, "es") for a in articles)
    assert Revision.objects.filter(actor="scheduler").count() == 5


def test_second_editor_is_stopped_and_keeps_their_text(editors):
    first, second = editors
    article = ArticleFactory(languages=("pt", "en"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = form_data(article)  # both open the same version

    response = first.post(url, {**opened, "title_pt": "Título da Ana"})
    assert response.status_code == 302

    response = second.post(url, {**opened, "title_en": "Bruno's headline"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed since you opened it" in page
    assert "ana changed pt" in page
    assert "Bruno&#x27;s headline" in page  # the second editor's text is still in the form
    article.refresh_from_db()
    assert article.title_pt == "Título da Ana"  # the first editor's text is kept
    assert article.title_en != "Bruno's headline"


def test_an_editor_who_opened_before_the_scheduler_ran_is_stopped(editors):
    first, _ = editors
    article = ArticleFactory(languages=("pt", "en"))
    schedule(article, "en", timezone.now() + timedelta(minutes=1))
    opened = form_data(Article.objects.get(pk=article.pk))
    publish_due(now=timezone.now() + timedelta(minutes=2))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = first.post(url, {**opened, "title_en": "Late change"})
    assert response.status_code == 200
    assert "scheduler changed en" in response.content.decode()


def test_a_save_based_on_an_old_version_raises_in_the_service():
    article = ArticleFactory(languages=("fi",))
    stale = Article.objects.get(pk=article.pk)
    fresh = Article.objects.get(pk=article.pk)
    fresh.title_fi = "Uusi"
    article_save(article=fresh)
    stale.title_fi = "Vanha"
    with pytest.raises(EditConflict):
        article_save(article=stale)
    assert Article.objects.get(pk=article.pk).title_fi == "Uusi"


def test_every_save_records_who_and_which_languages(editors):
    first, _ = editors
    article = ArticleFactory(languages=("pt", "en", "la"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    first.post(url, {**form_data(article), "title_la": "Nova inscriptio"})
    revision = article.revisions.order_by("-version").first()
    assert revision.user.username == "ana"
    assert revision.languages == ["la"]
    assert revision.snapshot["languages"]["la"]["title"] == "Nova inscriptio"


def test_a_worker_that_can_defer_gets_the_go_live_at_its_exact_time(
    settings, django_capture_on_commit_callbacks
):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    article = ArticleFactory(languages=("pt",))
    when = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        schedule(article, "pt", when)
    results = default_task_backend.results
    assert [r.task.run_after for r in results] == [when]
    assert results[0].task.name.endswith("publish_scheduled_task")


def test_an_edit_that_does_not_say_its_version_is_refused_and_keeps_its_text(editors):
    first, _ = editors
    article = ArticleFactory(languages=("pt",))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = first.post(url, {**form_data(article), "base_version": "", "title_pt": "Sem versão"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "does not say which version it was opened at" in page
    assert "Sem versão" in page
    assert Article.objects.get(pk=article.pk).title_pt != "Sem versão"


def test_a_conflict_found_by_the_service_is_a_form_error_and_changes_nothing(editors):
    """The admin has no version check of its own: the service's refusal is shown."""
    first, _ = editors
    article = ArticleFactory(languages=("pt",))
    opened = form_data(article)
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = first.post(
        url,
        {
            **opened,
            "title_pt": "Tarde demais",
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-language": "pt",
            "corrections-0-note": "Nome corrigido.",
            "corrections-0-created_at_0": timezone.now().strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": timezone.now().strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    assert "changed since you opened it" in response.content.decode()
    assert response.context["adminform"].form.errors.as_data()["__all__"][0].code == (
        "edit_conflict"
    )
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_pt != "Tarde demais"
    assert not stored.corrections.exists()
