"""Control characters never reach stored text (articles/domain/plain_text.py), so feeds,
sitemaps, the API and pages stay well-formed whatever an editor or a wire sends."""

from __future__ import annotations

import importlib
import json
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Author, Correction, Photo, Section, Tag
from tests.admin.test_articles import form_data
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)
from tests.support.ninjs_support import run, text_doc, write_json

pytestmark = pytest.mark.django_db

HOSTILE = "Ba\ufffed\x01 \x0bnews\x1f"
CLEAN = "Bad news"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def assert_public_surfaces_well_formed(client, article: Article) -> None:
    """Every public surface that shows `article` in en answers 200 with valid XML/JSON."""
    client.logout()
    for url in (
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/news-sitemap.xml",
        "/sitemap.xml",
        "/sitemaps/articles-en.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # noqa: S314 - our own response
        assert b"\x01" not in response.content, url
    for url in (f"/api/ninjs/en/{article.pk}/", "/api/ninjs/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "\x01" not in json.dumps(json.loads(response.content), ensure_ascii=False)
    response = client.get(article.get_absolute_url("en"))
    assert response.status_code == 200
    assert b"\x01" not in response.content


def test_admin_post_with_control_characters_in_title_and_caption(editor_client):
    article = ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
    data = form_data(
        article,
        title_en=f"Title {HOSTILE}",
        summary_en="Line one\r\nline two\rthree\x07",
        photo_caption_en=f"Caption {HOSTILE}",
    )
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert article.title_en == f"Title {CLEAN}"
    assert article.summary_en == "Line one\nline two\nthree"
    assert Photo.objects.get(pk=article.photo_id).caption_en == f"Caption {CLEAN}"
    assert_public_surfaces_well_formed(editor_client, article)


def test_admin_section_and_tag_names_are_cleaned(editor_client):
    response = editor_client.post(
        reverse("admin:articles_section_add"),
        {"name_en": f"Section {HOSTILE}", "slug_en": "section-x", "position": "0"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert Section.objects.get(slug_en="section-x").name_en == f"Section {CLEAN}"


def test_import_ninjs_with_control_characters(tmp_path, client):
    doc = text_doc(
        uri="urn:test:controls",
        headlines=[{"role": "main", "value": f"Headline {HOSTILE}"}],
        bodies=[{"contentType": "text/html", "value": f"<p>Body {HOSTILE}</p>"}],
        descriptions=[{"role": "summary", "value": f"Summary {HOSTILE}"}],
        by=f"Reporter {HOSTILE}",
    )
    run("import_ninjs", str(write_json(tmp_path / "doc.json", doc)), "--publish")
    article = Article.objects.get(uri="urn:test:controls")
    assert article.title_en == f"Headline {CLEAN}"
    assert "\x01" not in article.body_en and CLEAN in article.body_en
    assert article.byline_en == f"Reporter {CLEAN}"
    assert_public_surfaces_well_formed(client, article)


def test_every_text_field_of_every_model_is_cleaned_on_save():
    section, tag = SectionFactory(), TagFactory()
    section.name_en, tag.name_en = f"S {HOSTILE}", f"T {HOSTILE}"
    section.save()
    tag.save()
    author = AuthorFactory(name=f"A {HOSTILE}")
    photo = PhotoFactory(credit=f"C {HOSTILE}", copyright_holder=f"H {HOSTILE}")
    photo.alt_text_de = f"Alt {HOSTILE}"
    photo.save()
    article = ArticleFactory(languages=("en",), section=section, photo=photo)
    article.byline_fr = f"B {HOSTILE}"
    article.copyright_notice = f"N {HOSTILE}"
    article.save()
    correction = Correction.objects.create(article=article, language="en", note=f"N {HOSTILE}")
    assert Section.objects.get(pk=section.pk).name_en == f"S {CLEAN}"
    assert Tag.objects.get(pk=tag.pk).name_en == f"T {CLEAN}"
    assert Author.objects.get(pk=author.pk).name == f"A {CLEAN}"
    photo = Photo.objects.get(pk=photo.pk)
    assert (photo.credit, photo.copyright_holder, photo.alt_text_de) == (
        f"C {CLEAN}",
        f"H {CLEAN}",
        f"Alt {CLEAN}",
    )
    article = Article.objects.get(pk=article.pk)
    assert (article.byline_fr, article.copyright_notice) == (f"B {CLEAN}", f"N {CLEAN}")
    assert Correction.objects.get(pk=correction.pk).note == f"N {CLEAN}"


def test_saving_in_another_language_never_copies_text_between_languages():
    article = ArticleFactory(languages=("en",))
    with translation.override("de"):
        article = Article.objects.get(pk=article.pk)
        article.save()
    assert not Article.objects.get(pk=article.pk).title_de


def test_the_migration_cleans_rows_stored_before_the_rule(client):
    article = ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
    # Written past save(), as rows were before the rule.
    Article.objects.filter(pk=article.pk).update(title_en=f"Title {HOSTILE}")
    Photo.objects.filter(pk=article.photo_id).update(caption_en=f"Caption {HOSTILE}")
    migration = importlib.import_module("articles.migrations.0015_strip_control_characters")
    migration.forward(apps, None)
    assert Article.objects.get(pk=article.pk).title_en == f"Title {CLEAN}"
    assert Photo.objects.get(pk=article.photo_id).caption_en == f"Caption {CLEAN}"
    assert_public_surfaces_well_formed(client, Article.objects.get(pk=article.pk))
