"""The read-only ninjs API: only what readers may see, in few queries, cacheable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.support.factories import ArticleFactory, PhotoFactory, SectionFactory
from tests.support.ninjs_support import assert_valid_ninjs_31, needs_shared

pytestmark = pytest.mark.django_db


def test_urls_have_names():
    assert reverse("ninjs:list", kwargs={"language": "pt"}) == "/api/ninjs/pt/"
    assert reverse("ninjs:detail", kwargs={"language": "pt", "ref": "ponte"}) == (
        "/api/ninjs/pt/ponte/"
    )


def test_list_is_the_public_versions_in_that_language_newest_first(client):
    now = timezone.now()
    older = ArticleFactory(languages=("pt", "en"), published_at=now - timedelta(days=2))
    newer = ArticleFactory(languages=("pt",), published_at=now - timedelta(hours=1))
    ArticleFactory(languages=("en",))  # not in Portuguese
    ArticleFactory(languages=("pt",), is_published=False)  # a draft
    ArticleFactory(languages=("pt",), published_at=now + timedelta(hours=1))  # scheduled
    embargoed = ArticleFactory(languages=("pt",))
    embargoed.embargo_until = now + timedelta(hours=1)
    embargoed.save()
    response = client.get("/api/ninjs/pt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == "pt"
    assert "public" in response["Cache-Control"] and "s-maxage=1" in response["Cache-Control"]
    assert "Last-Modified" in response
    data = response.json()
    assert data["count"] == 2
    assert [item["headlines"][0]["value"] for item in data["items"]] == [
        newer.title_pt,
        older.title_pt,
    ]
    assert all(item["language"] == "pt" for item in data["items"])


def test_list_filters_and_pages(client):
    section = SectionFactory()
    for _n in range(25):
        ArticleFactory(languages=("fi",))
    in_section = ArticleFactory(languages=("fi",), section=section)
    first = client.get("/api/ninjs/fi/").json()
    assert (first["count"], first["pages"], len(first["items"])) == (26, 2, 20)
    assert first["next"] == "http://testserver/api/ninjs/fi/?page=2"
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 6 and second["previous"] == "http://testserver/api/ninjs/fi/"
    assert client.get("/api/ninjs/fi/?page=3").status_code == 404
    only = client.get(f"/api/ninjs/fi/?section={section.slug_fi}").json()
    assert [item["slugline"] for item in only["items"]] == [in_section.slug_fi]
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert client.get("/api/ninjs/fi/", {"since": later}).json()["count"] == 0
    assert client.get("/api/ninjs/fi/?since=2000-01-01T00:00:00+00:00").json()["count"] == 26
    bad = client.get("/api/ninjs/fi/?since=tomorrow")
    assert bad.status_code == 400 and "since" in bad.json()["error"]


def test_detail_by_id_or_slug_and_only_when_public(client, article_pt_en):
    by_id = client.get(f"/api/ninjs/en/{article_pt_en.pk}/")
    by_slug = client.get(f"/api/ninjs/en/{article_pt_en.slug_en}/")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_id.json()["headlines"][0]["value"] == article_pt_en.title_en
    assert "Last-Modified" in by_id and "public" in by_id["Cache-Control"]
    # The Portuguese slug under /en/ is not an English version.
    assert client.get(f"/api/ninjs/en/{article_pt_en.slug_pt}/").status_code == 404
    assert client.get(f"/api/ninjs/fr/{article_pt_en.pk}/").status_code == 404
    assert client.get(f"/api/ninjs/xx/{article_pt_en.pk}/").status_code == 404
    assert client.get("/api/ninjs/xx/").status_code == 404
    article_pt_en.status_en = "unpublished"
    article_pt_en.save()
    assert client.get(f"/api/ninjs/en/{article_pt_en.pk}/").status_code == 404
    assert client.get(f"/api/ninjs/pt/{article_pt_en.pk}/").status_code == 200
    article_pt_en.embargo_until = timezone.now() + timedelta(hours=1)
    article_pt_en.save()
    assert client.get(f"/api/ninjs/pt/{article_pt_en.pk}/").status_code == 404
    assert client.get("/api/ninjs/pt/").json()["count"] == 0


def test_non_latin_slugs_work(client):
    article = ArticleFactory(languages=("zh-hans",))
    article.slug_zh_hans = "河港的新桥开通"
    article.save()
    response = client.get("/api/ninjs/zh-hans/河港的新桥开通/")
    assert response.status_code == 200
    assert response.json()["language"] == "zh-Hans"
    assert response["Content-Language"] == "zh-Hans"


def test_only_reads_are_allowed(client, article_pt_en):
    assert client.post("/api/ninjs/en/").status_code == 405
    assert client.head("/api/ninjs/en/").status_code == 200


def test_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries):
    for _n in range(20):
        article = ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
        article.authors.create(name=f"Writer {article.pk}")
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/ninjs/en/").json()["items"]) == 20
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/ninjs/en/{article.slug_en}/").status_code == 200


@needs_shared
def test_responses_are_valid_ninjs_31(client, article_pt_en):
    article_pt_en.authors.create(name="Marta Quental")
    for item in client.get("/api/ninjs/pt/").json()["items"]:
        assert_valid_ninjs_31(item)
    assert_valid_ninjs_31(client.get(f"/api/ninjs/en/{article_pt_en.pk}/").json())
