"""The one sanitizer (articles/domain/html.py) and that every write path uses it.

Link and quotation URLs are judged by the scheme a browser would see, after the
characters it ignores are gone, so no spelling of `javascript:` survives.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.domain.html import sanitize_html
from articles.models import Article
from articles.services.articles import article_save
from tests.admin.test_articles import editor_client, form_data  # noqa: F401 (fixture)
from tests.support.factories import ArticleFactory, SectionFactory

# As an editor (or an agency feed) could write them in HTML source.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\x00script:alert(1)",
    "javascript\x00:alert(1)",
    "\tjavascript:alert(1)",
    " \x01javascript:alert(1)",
    "java\nscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#0;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java\u200bscript:alert(1)",
    "java\u202escript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
SAFE_URLS = [
    "https://example.org/a:b",
    "http://example.org/",
    "mailto:desk@example.org",
    "tel:+351210000000",
    "/pt/articles/ponte/",
    "//example.org/x",
    "#note:1",
    "?q=a:b",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_link_and_quote_urls_lose_the_url_and_keep_the_text(url):
    clean = sanitize_html(
        f'<p><a href="{url}">link</a><q cite="{url}">said</q></p>'
        f'<blockquote cite="{url}">quoted</blockquote>'
    )
    assert "href" not in clean and "cite" not in clean
    assert "script" not in clean.lower()
    assert ">link</a>" in clean and ">said</q>" in clean and "quoted" in clean


@pytest.mark.parametrize("url", SAFE_URLS)
def test_ordinary_urls_are_kept(url):
    clean = sanitize_html(f'<a href="{url}">link</a>')
    assert f'href="{url}"' in clean


def test_links_get_rel_and_lose_target_and_empty_titles():
    clean = sanitize_html('<a href="https://example.org/" target="_blank" title="">x</a>')
    assert clean == '<a href="https://example.org/" rel="noopener noreferrer nofollow">x</a>'


BODY = '<p>Body <a href="{url}">link</a> <strong>bold</strong><script>alert(1)</script></p>'
EXPECTED = '<p>Body <a rel="noopener noreferrer nofollow">link</a> <strong>bold</strong></p>'
# The admin refuses NUL bytes in a request outright (newsroom/middleware.py), so
# on the form paths the NUL comes as a character reference instead.
FORM_URLS = ["\tjavascript:alert(1)", "jav&#x09;ascript:alert(1)", "jav&#0;ascript:alert(1)"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORM_URLS)
def test_admin_saves_a_sanitized_body(editor_client, url):  # noqa: F811
    article = ArticleFactory(languages=("pt",))
    data = form_data(article, body_pt=BODY.format(url=url))
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_pt == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["java\x00script:alert(1)", *FORM_URLS])
def test_services_save_a_sanitized_body(url):
    article = ArticleFactory(languages=("pt",))
    article.body_pt = BODY.format(url=url)
    article_save(article=article, actor="test")
    assert Article.objects.get(pk=article.pk).body_pt == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["java\x00script:alert(1)", *FORM_URLS])
def test_import_saves_a_sanitized_body(tmp_path, url):
    SectionFactory(slug_en="wire")
    document = {
        "uri": "urn:newsroom-test:html",
        "type": "text",
        "language": "pt",
        "versionCreated": "2026-03-02T07:45:00Z",
        "headlines": [{"value": "Ponte"}],
        "bodies": [{"contentType": "text/html", "value": BODY.format(url=url)}],
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(document))
    call_command("import_ninjs", str(path), stdout=StringIO())
    body = Article.objects.get(uri="urn:newsroom-test:html").body_pt
    # The importer lays blocks out on lines of their own; only the markup matters.
    assert " ".join(body.split()) == EXPECTED
