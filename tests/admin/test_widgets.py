"""The body's rich-text editor (articles/admin/widgets.py): what it offers, where its files
come from, and that its one inline script carries the CSP nonce. How it behaves in a
browser is in tests/features/test_browser.py."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.admin.widgets import EXTENSIONS
from articles.domain.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from articles.domain.languages import LANGUAGE_CODES, column_name
from tests.admin.test_articles import editor_client  # noqa: F401 (fixture)

ATTRIBUTE = "data-django-prose-editor-newsroom"


def test_the_editor_offers_only_what_the_sanitizer_keeps():
    """Every tag and attribute the editor's extensions produce is in the allowlist,
    so nothing an editor writes silently disappears on save (rel and target
    excepted: the sanitizer sets rel itself and drops target)."""
    editor = allowlist_from_extensions(EXTENSIONS)
    assert editor["tags"] <= ALLOWED_TAGS
    # What news copy needs, tables included; nothing the allowlist refuses.
    assert {"h2", "h3", "h4", "strong", "em", "u", "s", "sub", "sup", "a"} <= editor["tags"]
    assert {"blockquote", "ul", "ol", "li", "hr", "code", "pre", "table", "th"} <= editor["tags"]
    assert not editor["tags"] & {"h1", "h5", "h6", "img", "figure", "span", "div"}
    for tag, attributes in editor["attributes"].items():
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        extra = set(attributes) - allowed - {"rel", "target", "start", "type", "data-type"}
        assert not extra, (tag, extra)


@pytest.mark.django_db
def test_each_language_body_gets_an_editor_with_its_language(editor_client):  # noqa: F811
    response = editor_client.get(reverse("admin:articles_article_add"))
    page = BeautifulSoup(response.content, "html.parser")
    for code in LANGUAGE_CODES:
        textarea = page.find("textarea", attrs={"name": column_name("body", code)})
        assert textarea.has_attr(ATTRIBUTE), code
        assert textarea["data-language"] == code
        # Still modeltranslation's field, so it gets its language tab.
        assert "mt" in textarea["class"]


@pytest.mark.django_db
def test_editor_files_are_local_and_its_import_map_carries_the_nonce(editor_client):  # noqa: F811
    response = editor_client.get(reverse("admin:articles_article_add"))
    page = BeautifulSoup(response.content, "html.parser")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
    (importmap,) = page.find_all("script", type="importmap")
    assert importmap["nonce"] == nonce
    assert "django-prose-editor/editor" in importmap.string
    modules = [s["src"] for s in page.find_all("script", type="module")]
    styles = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert "/static/js/body-editor.js" in modules
    for url in [*modules, *styles]:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
