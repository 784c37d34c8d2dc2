"""Slugs in every script: readable, complete, unique per language."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.domain.slugs import slug_from, validate_slug
from articles.models import Article
from tests.support.factories import ArticleFactory


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Ponte nova não abre hoje", "ponte-nova-nao-abre-hoje"),
        ("Straße über den Fluß", "strasse-uber-den-fluss"),
        ("Ça déménage à Lyon !", "ca-demenage-a-lyon"),
        ("Новый мост открыт", "новый-мост-открыт"),
        ("Мой край", "мой-край"),  # й keeps its breve: it is another letter
        ("Νέα γέφυρα στο λιμάνι", "νέα-γέφυρα-στο-λιμάνι"),
        ("河港的新桥开通", "河港的新桥开通"),
        ("港の新しい橋、開通", "港の新しい橋-開通"),
        ("संस्कृतम् अद्य", "संस्कृतम्-अद्य"),
        ("  --Hello,   world!!--  ", "hello-world"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_slug_from_keeps_every_script_whole(title, slug):
    assert slug_from(title) == slug


def test_slug_is_bounded():
    assert len(slug_from("palavra " * 100)) <= 80


@pytest.mark.parametrize("value", ["संस्कृतम्-अद्य", "ponte_nova", "河港", "a-1"])
def test_validator_accepts_slugs_in_any_script(value):
    validate_slug(value)


@pytest.mark.parametrize("value", ["", "a b", "a/b", "a?b", "../x", "a\x00b", "<x>"])
def test_validator_refuses_what_cannot_be_a_path_segment(value):
    with pytest.raises(ValidationError):
        validate_slug(value)


@pytest.mark.django_db
def test_sanskrit_article_is_reachable_by_its_slug(client):
    article = ArticleFactory(languages=("sa",))
    article.title_sa = "संस्कृतम् अद्य"
    article.slug_sa = ""
    article.full_clean()
    article.save()
    assert article.slug_sa == "संस्कृतम्-अद्य"
    response = client.get(article.get_absolute_url("sa"))
    assert response.status_code == 200
    assert "संस्कृतम् अद्य" in response.content.decode()


@pytest.mark.django_db
def test_the_models_own_validation_accepts_a_sanskrit_slug_and_refuses_a_path():
    """Every model's slug columns (the translated ones too) validate with our
    rule, not Django's unicode slug validator, which refuses vowel signs."""
    article = ArticleFactory(languages=("sa",))
    article.slug_sa = "संस्कृतम्-अद्य"
    article.full_clean()
    article.slug_sa = "a/b"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "slug_sa" in refused.value.message_dict


@pytest.mark.django_db
def test_a_sanskrit_story_from_the_wire_is_imported_with_its_slug(tmp_path):
    story = {
        "uri": "urn:newsroom-test:sa:1",
        "type": "text",
        "version": "1",
        "versionCreated": "2026-01-01T06:00:00Z",
        "language": "sa",
        "headlines": [{"role": "main", "value": "नगरस्य सेतुः नवः भविष्यति"}],
        "bodies": [{"contentType": "text/html", "value": "<p>सेतुः नवः।</p>"}],
    }
    path = tmp_path / "story.json"
    path.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    call_command("import_ninjs", str(path), "--publish", stdout=io.StringIO())
    assert Article.objects.get(uri=story["uri"]).slug_sa == "नगरस्य-सेतुः-नवः-भविष्यति"


@pytest.mark.django_db
def test_generated_slugs_do_not_collide():
    first = ArticleFactory(languages=("pt",))
    second = ArticleFactory(languages=("pt",))
    for article in (first, second):
        article.title_pt = "Mesmo título"
        article.slug_pt = ""
        article.full_clean()
        article.save()
    assert first.slug_pt == "mesmo-titulo"
    assert second.slug_pt == "mesmo-titulo-2"
