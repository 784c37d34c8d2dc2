"""An embargoed or unpublished version appears on no public surface at all."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.domain.languages import value_in
from articles.domain.status import Status
from articles.services.articles import article_save
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SURFACES = [
    "/{lang}/",
    "/{lang}/sections/{section}/",
    "/{lang}/feeds/rss/",
    "/{lang}/feeds/atom/",
    "/{lang}/sections/{section}/feeds/rss/",
    "/sitemaps/articles-{lang}.xml",
    "/news-sitemap.xml",
    "/api/ninjs/{lang}/",
    "/{lang}/search/?q=Headline",
    "/{lang}/archive/",
]


def surfaces_text(client, article, language):
    section = value_in(article.section, "slug", language)
    texts = []
    for template in SURFACES:
        response = client.get(template.format(lang=language, section=section))
        assert response.status_code in (200, 404), template
        texts.append(response.content.decode())
    return "\n".join(texts)


@pytest.fixture
def hidden(settings):
    settings.NEWSROOM_BASE_URL = "http://testserver"
    embargoed = ArticleFactory(languages=("pt", "en"))
    embargoed.embargo_until = timezone.now() + timedelta(hours=1)
    article_save(article=embargoed)
    draft = ArticleFactory(languages=("pt", "en"))
    draft.status_en = Status.REVIEW
    article_save(article=draft)
    control = ArticleFactory(languages=("pt", "en"))
    return embargoed, draft, control


@pytest.mark.parametrize("language", ["pt", "en"])
def test_nothing_hidden_on_any_listing_surface(client, hidden, language):
    embargoed, draft, control = hidden
    text = surfaces_text(client, control, language)
    assert value_in(control, "title", language) in text  # the surfaces do list articles
    assert value_in(embargoed, "title", language) not in text
    assert value_in(embargoed, "slug", language) not in text
    if language == "en":
        assert draft.title_en not in text and draft.slug_en not in text


def test_hidden_versions_are_404_on_pages_and_api(client, hidden):
    embargoed, draft, _control = hidden
    for article, language in ((embargoed, "pt"), (embargoed, "en"), (draft, "en")):
        slug = value_in(article, "slug", language)
        assert client.get(f"/{language}/articles/{slug}/").status_code == 404
        assert client.get(f"/api/ninjs/{language}/{slug}/").status_code == 404
        assert client.get(f"/api/ninjs/{language}/{article.pk}/").status_code == 404
    page = client.get(draft.get_absolute_url("pt")).content.decode()
    assert 'hreflang="en"' not in page  # nor offered by the switcher


def test_hidden_versions_are_not_exported(hidden):
    embargoed, draft, control = hidden
    out = StringIO()
    call_command("export_ninjs", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert control.title_pt in text
    assert embargoed.title_pt not in text and embargoed.title_en not in text
    assert draft.title_en not in text
