"""`machine_translate` fills missing versions from the engine, says what it did per
language, refuses bad input and unsupported pairs clearly, and never half-saves."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.domain.status import Origin, Status
from articles.models import Article, MachineTranslation
from tests.support.factories import ArticleFactory, PhotoFactory
from tests.support.mt_servers import FakeDeepL, FakeLibreTranslate

pytestmark = pytest.mark.django_db


@pytest.fixture
def libre(settings):
    with FakeLibreTranslate() as server:
        settings.MT_ENGINE, settings.MT_URL, settings.MT_API_KEY = (
            "libretranslate",
            server.url,
            server.api_key,
        )
        yield server


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("machine_translate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_missing_versions_are_filled_and_counted_per_language(libre):
    first = ArticleFactory(
        languages=("pt",), source_language="pt", photo=PhotoFactory(captions=("pt",))
    )
    second = ArticleFactory(languages=("pt", "fi"), source_language="pt")
    existing_fi = second.title_fi
    ArticleFactory(languages=("en",))  # no Portuguese: not touched
    out, _ = run("--from", "pt", "--to", "en,fi", "--missing")
    assert "en: 2 made" in out
    assert "fi: 1 exists, 1 made" in out
    first.refresh_from_db()
    assert first.title_en == f"[en] {first.title_pt}"
    assert (first.status_en, first.origin_en, first.translated_from_en) == (
        Status.DRAFT,
        Origin.MACHINE,
        "pt",
    )
    assert first.photo.caption_en == "[en] Caption in pt"
    assert first.revisions.first().actor == "machine_translate (libretranslate)"
    record = MachineTranslation.objects.get(article=first, language="en")
    assert record.engine == "libretranslate" and record.reviewed_by is None
    second.refresh_from_db()
    assert second.title_fi == existing_fi  # an existing version is never overwritten


def test_publish_makes_them_public_and_one_article_can_be_named(libre):
    article = ArticleFactory(languages=("pt",), source_language="pt")
    run("--from", "pt", "--to", "de", "--article", str(article.pk), "--publish")
    article.refresh_from_db()
    assert "de" in article.languages


def test_a_dry_run_sends_and_saves_nothing(libre):
    article = ArticleFactory(languages=("pt",), source_language="pt")
    out, _ = run("--from", "pt", "--to", "en", "--missing", "--dry-run")
    assert "Dry run" in out and "en: 1 would translate" in out
    assert libre.requests == []
    assert Article.objects.get(pk=article.pk).version == article.version


def test_sanskrit_and_latin_are_refused_per_language_and_never_sent(libre):
    ArticleFactory(languages=("pt",), source_language="pt")
    out, err = run("--from", "pt", "--to", "sa,en,la", "--missing")
    assert "en: 1 made" in out
    assert "sa: refused" in out and "la: refused" in out and "does not translate" in err
    assert all(r["body"]["target"] == "en" for r in libre.requests)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "xx", "--to", "en", "--missing"], "Unknown language 'xx'"),
        (["--from", "pt", "--to", "en,pt", "--missing"], "includes the source language"),
        (["--from", "pt", "--to", ",", "--missing"], "names no language"),
        (["--from", "pt", "--to", "en", "--article", "999999"], "no article #999999"),
        (["--from", "pt", "--to", "sa", "--missing"], "No target language"),
    ],
)
def test_bad_input_is_refused_clearly(libre, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert libre.requests == []


def test_article_and_missing_are_exclusive_and_one_is_needed(libre):
    with pytest.raises(CommandError):
        run("--from", "pt", "--to", "en")
    with pytest.raises(CommandError):
        run("--from", "pt", "--to", "en", "--missing", "--article", "1")


def test_without_an_engine_it_says_which_setting(settings):
    ArticleFactory(languages=("pt",), source_language="pt")
    settings.MT_ENGINE = "none"
    with pytest.raises(CommandError, match="No target language"):
        _, err = run("--from", "pt", "--to", "en", "--missing")


def test_an_article_without_source_text_is_refused(libre):
    article = ArticleFactory(languages=("en",))
    with pytest.raises(CommandError, match="has no pt text"):
        run("--from", "pt", "--to", "fi", "--article", str(article.pk))


def test_quota_stops_the_run_and_half_saves_nothing(settings):
    with FakeDeepL() as server:
        settings.MT_ENGINE, settings.MT_URL, settings.MT_API_KEY = "deepl", server.url, "test-key"
        articles = [ArticleFactory(languages=("pt",), source_language="pt") for _ in range(3)]
        server.fail_with = 456
        with pytest.raises(CommandError, match="quota is used up"):
            run("--from", "pt", "--to", "en,fi", "--missing")
        assert len(server.requests) == 1  # stopped at the first refusal
    for article in articles:
        fresh = Article.objects.get(pk=article.pk)
        assert not fresh.title_en and fresh.version == article.version
    assert not MachineTranslation.objects.exists()


def test_garbage_fails_that_version_only(libre):
    ArticleFactory(languages=("pt",), source_language="pt")
    libre.fail_with = "empty"
    with pytest.raises(CommandError, match="1 version"):
        run("--from", "pt", "--to", "en", "--missing")
    assert not MachineTranslation.objects.exists()
