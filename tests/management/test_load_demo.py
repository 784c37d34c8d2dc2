"""`manage.py load_demo`: the demo content, its photos, and running it twice."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.domain.availability import has_text_in
from articles.domain.languages import LANGUAGE_CODES, value_in
from articles.management import demo_content
from articles.management.commands import load_demo
from articles.models import Article, Author, Photo, Rendition, Section
from articles.photos.specs import FORMATS, SPECS, output_size, specs_for

SHOWCASE_LANGUAGES = {"pt", "en", "zh-hans", "sa", "la"}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Public and private media both below tmp_path (see conftest.py)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    """Demo pictures at a quarter of their size: the same steps, far fewer pixels."""
    monkeypatch.setattr(load_demo, "PHOTO_SIZE", (400, 250))


def run_command() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


def snapshot() -> dict[str, list]:
    """Every row the command writes, with every column."""
    return {
        "sections": list(Section.objects.order_by("pk").values()),
        "authors": list(Author.objects.order_by("pk").values()),
        "articles": list(Article.objects.order_by("pk").values()),
        "article_authors": list(
            Article.authors.through.objects.order_by("pk").values_list("article_id", "author_id")
        ),
        "photos": list(Photo.objects.order_by("pk").values()),
        "renditions": list(Rendition.objects.order_by("pk").values()),
    }


def written_languages(article: Article) -> list[str]:
    return [code for code in LANGUAGE_CODES if has_text_in(article, code)]


# --- The data itself ----------------------------------------------------------


def test_content_is_consistent():
    section_keys = {entry["key"] for entry in demo_content.SECTIONS}
    for section in demo_content.SECTIONS:
        assert set(section["name"]) == set(LANGUAGE_CODES)
        assert set(section["slug"]) == demo_content.LATIN_SCRIPT_LANGUAGES
    for entry in demo_content.ARTICLES:
        languages = set(entry["text"])
        assert entry["source_language"] in languages
        assert entry["section"] in section_keys
        assert set(entry["authors"]) <= set(demo_content.AUTHORS)
        assert set(entry["photo"]["caption"]) == languages
        assert set(entry["photo"]["alt_text"]) == languages
        for code, text in entry["text"].items():
            assert text["title"] and text["summary"] and text["body"].startswith("<")
            # Slugs by hand for Latin script only; the others come from the title.
            assert ("slug" in text) == (code in demo_content.LATIN_SCRIPT_LANGUAGES)
            if "slug" in text:
                assert text["slug"].isascii()
    keys = [entry["key"] for entry in demo_content.ARTICLES]
    assert len(keys) == len(set(keys))


def test_demo_picture_is_deterministic():
    colours = ((10, 20, 30), (200, 210, 220), (250, 120, 40))
    first = load_demo.demo_picture("same-key", colours, "wavy")
    assert first == load_demo.demo_picture("same-key", colours, "wavy")
    assert first != load_demo.demo_picture("other-key", colours, "wavy")
    assert first[:3] == b"\xff\xd8\xff"  # a JPEG


# --- One run --------------------------------------------------------------------


@pytest.mark.django_db
def test_creates_the_demo_content(media):
    output = run_command()

    assert Section.objects.count() == len(demo_content.SECTIONS) == 4
    assert Author.objects.count() == len(demo_content.AUTHORS)
    assert Article.objects.count() == len(demo_content.ARTICLES) == 12
    assert Photo.objects.count() == Article.objects.count()
    assert "Articles: 12 created, 0 already present" in output
    assert "Photos: 12 created, 0 already present" in output


@pytest.mark.django_db
def test_language_coverage(media):
    run_command()
    public = {article.pk: article.languages for article in Article.objects.all()}

    assert [langs for langs in public.values() if len(langs) == 14] == [list(LANGUAGE_CODES)]
    assert any(len(langs) == 1 for langs in public.values())
    assert any(2 <= len(langs) <= 5 for langs in public.values())
    for code in SHOWCASE_LANGUAGES:
        assert sum(code in langs for langs in public.values()) >= 3, code
        assert Article.objects.public_in(code).exists(), code


@pytest.mark.django_db
def test_articles_are_complete(media):
    run_command()
    now = timezone.now()
    for article in Article.objects.prefetch_related("authors"):
        languages = written_languages(article)
        assert article.source_language in languages
        assert article.authors.exists()
        assert article.section_id is not None
        if article.languages:
            assert article.languages == languages
            for code in languages:
                published_at = value_in(article, "published_at", code)
                assert now - timedelta(days=11) < published_at <= now
        for code in languages:
            assert value_in(article, "summary", code)
            assert value_in(article, "body", code).startswith("<")
        for code in set(LANGUAGE_CODES) - set(languages):
            assert not value_in(article, "title", code)


@pytest.mark.django_db
def test_every_article_has_a_revision_and_its_text_versions(media):
    """The demo is written through the article service, as the admin writes."""
    run_command()
    for article in Article.objects.all():
        revision = article.revisions.get()
        assert (revision.actor, revision.languages) == ("load_demo", written_languages(article))
        for code in written_languages(article):
            assert value_in(article, "text_version", code) == 1
            assert value_in(article, "changed_at", code) is not None


@pytest.mark.django_db
def test_slugs(media):
    run_command()
    comet = Article.objects.get(slug_en="orsanto-observatory-volunteers-discover-comet")
    # Non-Latin scripts keep their script: the slug comes from the title.
    assert comet.slug_zh_hans == "奥尔桑托天文台志愿者发现一颗新彗星"
    assert comet.slug_ru == "волонтёры-обсерватории-орсанто-открыли-новую-комету"
    assert comet.slug_el.startswith("εθελοντές-")
    assert comet.slug_ja and comet.slug_sa
    for section in Section.objects.all():
        for code in LANGUAGE_CODES:
            assert value_in(section, "name", code) and value_in(section, "slug", code)


@pytest.mark.django_db
def test_every_photo_has_renditions_credit_and_captions(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # originals move into place
        run_command()
    for article in Article.objects.select_related("photo"):
        photo = article.photo
        assert photo is not None
        assert (photo.width, photo.height) == (400, 250)
        assert photo.credit and photo.copyright_holder
        assert photo.image.storage.exists(photo.image.name)
        renditions = {(r.spec, r.format): r for r in photo.renditions.all()}
        assert set(renditions) == {(s.name, f) for s in specs_for(400, 250) for f in FORMATS}
        for (spec, _format), rendition in renditions.items():
            assert (rendition.width, rendition.height) == output_size(SPECS[spec], 400, 250)
            assert (media / rendition.file.name).is_file()
        languages = written_languages(article)
        for code in LANGUAGE_CODES:
            caption = value_in(photo, "caption", code)
            alt_text = value_in(photo, "alt_text", code)
            if code in languages:
                assert caption and alt_text, (article.pk, code)
            else:
                assert not caption and not alt_text, (article.pk, code)


@pytest.mark.django_db
def test_the_draft_stays_hidden(media):
    run_command()
    drafts = [a for a in Article.objects.all() if not a.languages]
    assert len(drafts) == 1
    draft = drafts[0]
    assert written_languages(draft)  # it has text…
    assert draft.languages == []  # …and no reader sees it
    for code in written_languages(draft):
        assert not Article.objects.public_in(code).filter(pk=draft.pk).exists()


# --- Twice, and a failed run ----------------------------------------------------------


@pytest.mark.django_db
def test_running_twice_changes_nothing(media):
    run_command()
    before, files_before = snapshot(), files_under(media)

    output = run_command()

    assert snapshot() == before
    assert files_under(media) == files_before
    for label, count in (("Sections", 4), ("Authors", 5), ("Articles", 12), ("Photos", 12)):
        assert f"{label}: 0 created, {count} already present" in output


@pytest.mark.django_db
def test_a_failed_run_leaves_no_rows_and_no_files(media, monkeypatch):
    real = load_demo.ensure_renditions
    calls = []

    def fail_on_the_third_photo(photo):
        calls.append(photo.pk)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(photo)

    monkeypatch.setattr(load_demo, "ensure_renditions", fail_on_the_third_photo)
    with pytest.raises(RuntimeError, match="disk full"):
        run_command()

    assert len(calls) == 3
    for model in (Section, Author, Article, Photo, Rendition):
        assert not model.objects.exists(), model
    assert files_under(media) == set()


@pytest.mark.django_db
def test_a_rendition_file_without_its_row_is_removed_too(media, monkeypatch):
    """ensure_renditions writes the file, then updates the row; the update fails here."""
    real_save = Rendition.save
    saves = []

    def failing_save(self, *args, **kwargs):
        if self.file:  # a finished rendition, not a claim
            saves.append(self.spec)
            if len(saves) == 4:
                raise RuntimeError("database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Rendition, "save", failing_save)
    with pytest.raises(RuntimeError, match="database went away"):
        run_command()

    assert not Photo.objects.exists() and not Rendition.objects.exists()
    assert files_under(media) == set()


@pytest.mark.django_db
def test_a_failed_run_keeps_files_of_rows_that_were_there(
    media, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # originals move into place
        run_command()
    files_before = files_under(media)
    Article.objects.filter(source_language="la").delete()  # one article to create again

    def boom(photo):
        raise RuntimeError("boom")

    monkeypatch.setattr(load_demo, "ensure_renditions", boom)
    with pytest.raises(RuntimeError, match="boom"):
        run_command()

    assert files_under(media) == files_before
    assert Article.objects.count() == 11
