"""`manage.py export_ninjs` and the mapping out: valid ninjs 3.1, and it round-trips."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.domain.languages import value_in
from articles.models import Article, Photo
from articles.ninjs.export import Exported, ninjs_export
from tests.support.factories import ArticleFactory, PhotoFactory
from tests.support.ninjs_support import assert_valid_ninjs_31, needs_shared, run, wire_folder


@pytest.fixture(autouse=True)
def site_address(settings):
    """Exports write absolute links; they need the site's address."""
    settings.NEWSROOM_BASE_URL = "http://testserver"


pytestmark = pytest.mark.django_db


def documents(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_one_document_per_public_language_version_as_ndjson(article_pt_en):
    ArticleFactory(languages=("fr",), is_published=False)  # a draft: never exported
    ArticleFactory(languages=("de",), published_at=timezone.now() + timedelta(days=1))
    embargoed = ArticleFactory(languages=("it",))
    embargoed.embargo_until = timezone.now() + timedelta(days=1)
    embargoed.save()
    out, err = run("export_ninjs", "--base-url", "https://news.example.org")
    docs = documents(out)
    assert sorted(d["language"] for d in docs) == ["en", "pt"]
    assert {d["uri"] for d in docs} == {f"urn:newsroom:news.example.org:article:{article_pt_en.pk}"}
    assert "Exported 2 language version(s)." in err  # counts stay out of the NDJSON
    portuguese = next(d for d in docs if d["language"] == "pt")
    assert portuguese["headlines"][0]["value"] == article_pt_en.title_pt
    assert portuguese["bodies"][0] == {
        "role": "main",
        "contentType": "text/html",
        "value": article_pt_en.body_pt,
    }
    assert portuguese["descriptions"][0]["value"] == article_pt_en.summary_pt
    assert portuguese["renditions"][0]["href"] == (
        f"https://news.example.org/pt/articles/{article_pt_en.slug_pt}/"
    )
    picture = portuguese["associations"][0]
    assert picture["type"] == "picture"
    assert picture["by"] == "IC"
    assert picture["copyrightHolder"] == "Newsroom"
    assert picture["descriptions"][0] == {
        "role": "caption",
        "contentType": "text/plain",
        "value": "Caption in pt",
    }
    hrefs = [r["href"] for r in picture["renditions"]]
    assert hrefs and all(h.startswith("https://news.example.org/media/renditions/") for h in hrefs)
    stored = article_pt_en.photo.renditions.all()
    assert {(r["name"], r["width"], r["contentType"]) for r in picture["renditions"]} == {
        (f"{r.spec}-{r.format}", r.width, f"image/{r.format}") for r in stored
    }
    assert {r["contentType"] for r in picture["renditions"]} == {
        "image/avif",
        "image/webp",
        "image/jpeg",
    }


def test_language_and_since_select_what_is_exported(article_pt_en):
    out, _err = run("export_ninjs", "--language", "pt-BR")
    assert [d["language"] for d in documents(out)] == ["pt"]
    old = datetime(2020, 1, 1, tzinfo=UTC)
    Article.objects.filter(pk=article_pt_en.pk).update(
        **{
            f"{field}_{code}": old
            for field in ("changed_at", "published_at")
            for code in ("pt", "en")
        }
    )
    out, _err = run("export_ninjs", "--since", "2021-01-01T00:00:00Z")
    assert documents(out) == []
    out, _err = run("export_ninjs", "--since", "2019-12-31")
    assert len(documents(out)) == 2


def test_bad_options_are_clear_errors():
    with pytest.raises(CommandError, match="--language sv is not one of the site's languages"):
        run("export_ninjs", "--language", "sv")
    with pytest.raises(CommandError, match="--since soon is not a date and time"):
        run("export_ninjs", "--since", "soon")


def test_output_folder_gets_one_file_per_language_version(article_pt_en, tmp_path):
    out, _err = run("export_ninjs", "-o", str(tmp_path / "out"))
    files = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.json"))
    assert files == [Path(f"en/{article_pt_en.pk}.json"), Path(f"pt/{article_pt_en.pk}.json")]
    assert "Exported 2 language version(s)." in out
    out, _err = run("export_ninjs", "--dry-run")
    assert out.strip().endswith("Would export 2 language version(s).")


def test_the_service_yields_what_the_command_writes(article_pt_en):
    """The command is a shell: its NDJSON is the service's documents, in order."""
    ArticleFactory(languages=("fr",), is_published=False)
    exported = list(ninjs_export(languages=("en", "fr", "pt"), base_url="https://n.example.org"))
    assert [(e.language, e.article_id) for e in exported] == [
        ("en", article_pt_en.pk),
        ("pt", article_pt_en.pk),
    ]
    out, _err = run("export_ninjs", "--base-url", "https://n.example.org")
    assert [e.document for e in exported] == documents(out)
    counted = ninjs_export(languages=("pt",), base_url="https://n.example.org", documents=False)
    assert list(counted) == [Exported(language="pt", article_id=article_pt_en.pk, document=None)]
    later = timezone.now() + timedelta(minutes=1)
    assert (
        list(ninjs_export(languages=("pt",), base_url="https://n.example.org", since=later)) == []
    )


def test_progress_on_a_terminal_gets_one_line_per_language(article_pt_en, tmp_path, monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(out, "isatty", lambda: True, raising=False)
    call_command("export_ninjs", "-o", str(tmp_path), stdout=out, stderr=io.StringIO())
    lines = out.getvalue().split("\n")
    assert lines[:2] == ["\ren: 1   ", "\rpt: 1   "]


@needs_shared
def test_exports_are_valid_ninjs_31(article_pt_en):
    ArticleFactory(languages=("zh-hans", "sa", "la"), source_language="la")
    article_pt_en.authors.create(name="Marta Quental")
    article_pt_en.embargo_until = timezone.now() - timedelta(minutes=5)
    article_pt_en.copyright_notice = "© Newsroom"
    article_pt_en.save()
    out, _err = run("export_ninjs")
    docs = documents(out)
    assert len(docs) == 5
    for document in docs:
        assert_valid_ninjs_31(document)
    assert {d["language"] for d in docs} >= {"zh-Hans", "sa", "la"}


def test_import_of_an_export_round_trips_text_pictures_and_dates(tmp_path, monkeypatch, media_root):
    """export → wipe → import: titles, summaries, bodies, captions, credits and dates come back."""
    article = ArticleFactory(
        languages=("pt", "en", "ja"),
        source_language="pt",
        photo=PhotoFactory(captions=("pt", "en", "ja"), credit="Inês Costa", copyright_holder="IC"),
        published_at=datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC),
    )
    article.byline_pt = "Por Inês Costa"
    article.save()
    changed = datetime(2026, 2, 3, 5, 0, tzinfo=UTC)
    Article.objects.filter(pk=article.pk).update(
        updated_at=changed, changed_at_pt=changed, changed_at_en=changed, changed_at_ja=changed
    )
    before = Article.objects.get(pk=article.pk)
    photo_before = before.photo
    out, _err = run("export_ninjs", "--base-url", "http://testserver")
    export = tmp_path / "export.ndjson"
    export.write_text(out, encoding="utf-8")
    # Pictures come back over http; serve them from the media folder instead.
    renditions = {r.file.url: Path(r.file.path).read_bytes() for r in photo_before.renditions.all()}

    def fetch_from_media(url):
        return renditions[url.removeprefix("http://testserver")]

    monkeypatch.setattr("articles.ninjs.importer.fetch", fetch_from_media)
    Article.objects.all().delete()
    Photo.objects.all().delete()

    run("import_ninjs", str(export), "--publish", "--fetch-media")
    after = Article.objects.get()
    assert set(after.languages) == {"pt", "en", "ja"}
    for code in ("pt", "en", "ja"):
        for field in ("title", "summary", "body", "slug", "published_at"):
            assert value_in(after, field, code) == value_in(before, field, code), field
        assert value_in(after.photo, "caption", code) == value_in(photo_before, "caption", code)
    assert after.byline_pt == "Por Inês Costa"
    assert after.updated_at == before.updated_at
    assert (after.photo.credit, after.photo.copyright_holder) == ("Inês Costa", "IC")


@needs_shared
def test_imported_fixtures_export_valid(tmp_path):
    run("import_ninjs", str(wire_folder(tmp_path)), "--publish")
    out, _err = run("export_ninjs")
    docs = documents(out)
    assert len(docs) >= 8
    for document in docs:
        assert_valid_ninjs_31(document)
    bridge = [d for d in docs if d["uri"] == "urn:newsroom-test:wire:harbour-bridge"]
    assert {d["language"] for d in bridge} == {"en", "pt"}
    english = next(d for d in bridge if d["language"] == "en")
    assert english["copyrightNotice"].startswith("© 2026 Riverside Wire")
    assert english["associations"][0]["uri"] == "urn:newsroom-test:wire:harbour-bridge-photo"


def test_corrections_go_into_that_languages_export(article_pt_en):
    from articles.models import Correction

    Correction.objects.create(article=article_pt_en, language="pt", note="Data corrigida.")
    out, _err = run("export_ninjs")
    by_language = {d["language"]: d for d in documents(out)}
    notes = [d for d in by_language["pt"]["descriptions"] if d["role"] == "correction"]
    assert len(notes) == 1 and notes[0]["value"].endswith(": Data corrigida.")
    assert all(d["role"] != "correction" for d in by_language["en"].get("descriptions", []))
