"""Each language version knows how it was made, and when its source moved on."""

import pytest
from django.urls import reverse

from articles.domain.changes import StoredArticle, text_changes
from articles.domain.provenance import (
    REVIEW_KEEPS_AT_LEAST,
    is_outdated,
    mark_translation,
    origin_after_edit,
    outdated_fields,
    share_kept,
)
from articles.domain.status import Origin
from articles.models import Article, MachineTranslation
from articles.services.articles import article_save
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_text_versions_move_only_when_that_languages_text_changes():
    article = ArticleFactory(languages=("pt", "en"))
    assert (article.text_version_pt, article.text_version_en) == (1, 1)
    article = Article.objects.get(pk=article.pk)
    before = StoredArticle.of(article)
    article.body_pt = "<p>Nova versão</p>"
    assert text_changes(article, before) == {"pt": ["body"]}
    article_save(article=article, before=before)
    article.refresh_from_db()
    assert (article.text_version_pt, article.text_version_en) == (2, 1)
    article = Article.objects.get(pk=article.pk)
    before = StoredArticle.of(article)
    article.status_en = "unpublished"
    assert text_changes(article, before) == {}
    article_save(article=article, before=before)
    article.refresh_from_db()
    assert (article.text_version_pt, article.text_version_en) == (2, 1)


def test_a_translation_is_outdated_once_its_source_changes():
    article = ArticleFactory(languages=("pt", "en"), source_language="pt")
    mark_translation(article, "en", source="pt", origin=Origin.HUMAN)
    article_save(article=article)
    assert not is_outdated(article, "en")
    assert not is_outdated(article, "pt")  # the original is never outdated

    article = Article.objects.get(pk=article.pk)
    article.title_pt = "Título revisto"
    article_save(article=article)
    assert is_outdated(article, "en")

    mark_translation(article, "en", source="pt", origin=Origin.HUMAN)
    article_save(article=article)
    assert not is_outdated(Article.objects.get(pk=article.pk), "en")


def test_marking_a_language_as_translation_in_a_form_takes_the_current_source():
    article = ArticleFactory(languages=("pt", "la"), source_language="pt")
    article.origin_la = Origin.MACHINE
    article.translated_from_la = "pt"
    article.full_clean()
    article_save(article=article)
    assert article.based_on_la == article.text_version_pt
    assert not is_outdated(article, "la")


def test_a_save_of_an_article_loaded_with_deferred_texts_still_records_the_new_text_version():
    article = ArticleFactory(languages=("fi",))
    article = Article.objects.only("id", "version", "title_fi", "text_version_fi").get(
        pk=article.pk
    )
    article.title_fi = "Uusi otsikko"
    article_save(article=article)
    article.refresh_from_db()
    assert article.text_version_fi == 2


def test_a_plain_save_is_no_workflow_but_still_stores_sanitized_text():
    """The model keeps its invariants; text versions and dates are the service's."""
    article = ArticleFactory(languages=("fi",))
    article = Article.objects.get(pk=article.pk)
    article.body_fi = "<p>Uusi\x01</p><script>alert(1)</script>"
    article.save()
    article.refresh_from_db()
    assert article.body_fi == "<p>Uusi</p>"
    assert article.text_version_fi == 1


def test_the_desk_sees_which_source_fields_changed(admin_client):
    article = ArticleFactory(languages=("pt", "en"), source_language="pt")
    mark_translation(article, "en", source="pt", origin=Origin.HUMAN)
    article_save(article=article)
    assert outdated_fields(article, "en") == []

    article = Article.objects.get(pk=article.pk)
    article.body_pt = "<p>Corpo revisto</p>"
    article_save(article=article)
    assert outdated_fields(article, "en") == ["body"]

    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "<strong>en</strong> ← pt: body" in page.content.decode()


MACHINE_TEXTS = {
    "title": "Chuva forte fecha estradas no norte",
    "summary": "As autoridades pedem cuidado aos condutores.",
    "body": "<p>A chuva caiu durante toda a noite.</p><p>Três estradas foram fechadas "
    "e a proteção civil pede que as pessoas fiquem em casa até ao meio-dia.</p>",
    "caption": "Uma estrada inundada perto de Braga",
    "alt_text": "Carros parados na água",
}


def test_a_machine_translation_saved_unchanged_is_still_the_machines():
    assert origin_after_edit(MACHINE_TEXTS, dict(MACHINE_TEXTS)) == Origin.MACHINE


def test_fixing_a_sentence_makes_it_reviewed():
    edited = {**MACHINE_TEXTS, "summary": "As autoridades pedem prudência aos condutores."}
    assert origin_after_edit(MACHINE_TEXTS, edited) == Origin.MACHINE_REVIEWED
    # Markup alone counts as a change a person made, and keeps every word.
    bolder = {**MACHINE_TEXTS, "body": MACHINE_TEXTS["body"].replace("Três", "<b>Três</b>")}
    assert origin_after_edit(MACHINE_TEXTS, bolder) == Origin.MACHINE_REVIEWED
    assert share_kept(MACHINE_TEXTS, bolder) == 1.0


def test_rewriting_most_of_it_makes_it_human():
    rewritten = {
        "title": "Estradas do norte cortadas pelo temporal",
        "summary": "Condutores devem evitar viagens.",
        "body": "<p>Depois de uma noite de temporal, a proteção civil cortou três vias "
        "e aconselha toda a gente a não sair antes da hora de almoço.</p>",
        "caption": "Braga: estrada debaixo de água",
        "alt_text": "Automóveis imobilizados numa estrada alagada",
    }
    assert share_kept(MACHINE_TEXTS, rewritten) < REVIEW_KEEPS_AT_LEAST
    assert origin_after_edit(MACHINE_TEXTS, rewritten) == Origin.HUMAN


def test_a_persons_edit_through_any_save_reviews_a_machine_version(django_user_model):
    article = ArticleFactory(languages=("pt", "fi"), source_language="pt")
    article.origin_fi, article.translated_from_fi = Origin.MACHINE, "pt"
    article_save(article=article, actor="machine_translate")
    MachineTranslation.objects.create(
        article=article,
        language="fi",
        source_language="pt",
        engine="deepl",
        texts={"title": article.title_fi, "summary": article.summary_fi, "body": article.body_fi},
    )
    # A process (no person) changing the text decides nothing.
    article.summary_fi = "Summary 1 in fi, corrected"
    article_save(article=article, actor="import")
    assert article.origin_fi == Origin.MACHINE
    person = django_user_model.objects.create_user("paivi")
    article.summary_fi = "Summary 1 in fi, corrected by hand"
    article_save(article=article, user=person)
    article.refresh_from_db()
    assert article.origin_fi == Origin.MACHINE_REVIEWED
    record = MachineTranslation.objects.get(article=article)
    assert record.reviewed_by == person and record.reviewed_at is not None
