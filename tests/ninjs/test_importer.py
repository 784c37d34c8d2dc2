"""`manage.py import_ninjs`: agency copy in, with the project's own fixtures."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management.base import CommandError
from django.tasks import default_task_backend

from articles.domain.availability import is_public
from articles.domain.languages import value_in
from articles.domain.provenance import is_outdated
from articles.domain.status import Origin, Status
from articles.models import Article, Photo, Section
from tests.support.factories import SectionFactory
from tests.support.ninjs_support import (
    files_under,
    picture_bytes,
    run,
    snapshot,
    text_doc,
    totals,
    wire_folder,
    write_json,
)

pytestmark = pytest.mark.django_db


def by_uri(uri: str) -> Article:
    return Article.objects.get(uri=uri)


def page(client, article: Article, language: str) -> BeautifulSoup:
    response = client.get(article.get_absolute_url(language))
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


# --- The fixtures: a desk folder of 3.x, 2.x and 1.x copy ------------------------


def test_a_folder_of_copy_in_three_ninjs_generations_lands_in_the_right_languages(tmp_path, client):
    folder = wire_folder(tmp_path)
    out, err = run("import_ninjs", str(folder / "desk"), "--publish")
    assert err == ""
    bridge = by_uri("urn:newsroom-test:wire:harbour-bridge")
    assert bridge.languages == ["en", "pt"]
    assert bridge.source_language == "en"
    assert by_uri("urn:newsroom-test:wire:museum").languages == ["es"]
    # The 2.x item is embargoed far into the future: imported, not public.
    observatory = by_uri("urn:newsroom-test:wire:observatory")
    assert observatory.languages == []
    assert observatory.status_fr == Status.PUBLISHED
    assert observatory.embargo_until == datetime(2999, 1, 1, tzinfo=UTC)
    assert "total" in out and "Photos stored: 2" in out
    assert "--fetch-media" in out  # the observatory picture is an http URL


def test_text_mapping_headline_summary_body_byline_slug_and_rights(tmp_path):
    run("import_ninjs", str(wire_folder(tmp_path) / "desk"), "--publish")
    bridge = by_uri("urn:newsroom-test:wire:harbour-bridge")
    assert bridge.title_en == "New harbour bridge opens to cyclists"  # role main, not the first
    assert bridge.summary_en.startswith("The 400-metre crossing")  # role summary, not edNote
    # HTML preferred over text/plain, and sanitized: no handler, script or image.
    assert bridge.body_en == (
        "<p>The bridge opened at dawn.</p><p>Cyclists <strong>cheered</strong>.</p>"
    )
    assert bridge.slug_en == "harbour-bridge-opens"  # from the slugline
    assert bridge.slug_pt == "nova-ponte-do-porto-abre-aos-ciclistas"  # from the headline
    assert bridge.summary_pt.startswith("A travessia")  # role abstract
    assert bridge.byline_en == "By Ada Quill, Riverside Wire"
    assert bridge.copyright_holder == "Riverside Wire"
    assert bridge.copyright_notice.startswith("© 2026 Riverside Wire")
    assert bridge.published_at_en == datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # firstCreated
    assert bridge.updated_at == datetime(2026, 3, 2, 8, 15, tzinfo=UTC)  # latest versionCreated
    observatory = by_uri("urn:newsroom-test:wire:observatory")
    # 2.x lowercase names; plain text becomes paragraphs, escaped.
    assert observatory.body_fr == (
        "<p>Première ligne du premier paragraphe. Suite du premier paragraphe.</p>"
        "<p>Deuxième paragraphe : 3 &lt; 4 &amp; 5 &gt; 2.</p>"
    )
    assert observatory.published_at_fr == datetime(2026, 4, 10, 7, 0, tzinfo=UTC)
    assert observatory.copyright_holder == "Agence Colline"
    museum = by_uri("urn:newsroom-test:wire:museum")  # 1.x flat names
    assert museum.title_es == "El museo del río abre una sala nueva"
    assert museum.summary_es == "Una sala dedicada a los barqueros."
    assert museum.body_es == "<p>La sala abre el sábado.</p>"
    assert museum.byline_es == "Marta Ibarra"


def test_later_languages_are_translations_of_the_first(tmp_path):
    run("import_ninjs", str(wire_folder(tmp_path) / "desk"), "--publish")
    bridge = by_uri("urn:newsroom-test:wire:harbour-bridge")
    assert bridge.origin_en == Origin.ORIGINAL
    assert bridge.origin_pt == Origin.HUMAN
    assert bridge.translated_from_pt == "en"
    assert not is_outdated(bridge, "pt")
    # A newer English version moves the original on: the Portuguese falls behind.
    folder = tmp_path / "update"
    newer = json.loads(
        (wire_folder(tmp_path / "again") / "desk/harbour-bridge.en.json").read_text()
    )
    newer.update(version="2", versionCreated="2026-03-02T12:00:00Z")
    newer["headlines"] = [{"role": "main", "value": "Harbour bridge draws thousands"}]
    out, _err = run("import_ninjs", str(write_json(folder / "en.json", newer)))
    bridge = by_uri("urn:newsroom-test:wire:harbour-bridge")
    assert bridge.title_en == "Harbour bridge draws thousands"
    assert bridge.slug_en == "harbour-bridge-opens"  # the URL stays
    assert is_outdated(bridge, "pt")


def test_the_photo_is_stored_once_with_a_caption_per_language(
    tmp_path, client, media_root, django_capture_on_commit_callbacks
):
    # Renditions are made by a task once the import commits.
    with django_capture_on_commit_callbacks(execute=True):
        run("import_ninjs", str(wire_folder(tmp_path) / "desk"), "--publish")
    bridge = by_uri("urn:newsroom-test:wire:harbour-bridge")
    photo = bridge.photo
    assert Photo.objects.filter(uri="urn:newsroom-test:wire:harbour-bridge-photo").count() == 1
    assert (photo.width, photo.height) == (1600, 1000)  # the largest rendition
    assert photo.credit == "Tomas Reed"
    assert photo.copyright_holder == "Riverside Wire"
    assert photo.caption_en == "Cyclists cross the harbour bridge on its first morning."
    assert photo.caption_pt.startswith("Ciclistas atravessam")
    assert photo.alt_text_en == "Cyclists on the new bridge"
    for language, credit in (("en", "Photo: Tomas Reed"), ("pt", "Foto: Tomas Reed")):
        figure = page(client, bridge, language).find("figure")
        assert credit in figure.get_text(" ", strip=True)
        assert value_in(photo, "caption", language) in figure.get_text(" ", strip=True)
    museum = by_uri("urn:newsroom-test:wire:museum")
    assert museum.photo.credit == "Pablo Sierra"  # 1.x byline, file: href
    assert museum.photo.image.name.endswith(".png")


def test_public_pages_show_imported_copy_in_every_script(tmp_path, client):
    folder = wire_folder(tmp_path)
    run("import_ninjs", str(folder / "feeds"), "--publish")
    tram = by_uri("urn:newsroom-test:wire:tram")
    assert tram.languages == ["ru", "de"]
    german = page(client, tram, "de")
    assert german.h1.get_text() == "Straßenbahn fährt wieder über die Brücke"
    body = german.find(class_="body")
    # Only the article content of a whole HTML page: no <title>, no <style> text.
    assert body.decode_contents() == "<p>Die Linie 4 fährt ab Montag wieder.</p>"
    assert german.find(class_="byline").get_text() == "Von Jonas Berg"
    assert tram.slug_ru == "трамвай-снова-идёт-по-мосту"  # slugs keep their script
    assert page(client, tram, "ru").h1.get_text() == "Трамвай снова идёт по мосту"
    lanterns = by_uri("urn:newsroom-test:wire:lanterns")
    assert lanterns.languages == ["zh-hans"]  # zh-CN
    assert lanterns.summary_zh_hans == "灯会将持续 三天 。"
    assert lanterns.body_zh_hans == "<p>灯会今晚在河港开幕。</p><p>市民可以免费参观。</p>"
    assert page(client, lanterns, "zh-hans").h1.get_text() == "河港灯会今晚开幕"
    assert by_uri("urn:newsroom-test:wire:olive-harvest").languages == ["el"]
    ferry = by_uri("urn:newsroom-test:wire:ferry")
    assert ferry.body_ja == "<p>新しい航路は来月から運航する。</p>"
    assert ferry.slug_ja == "フェリーの新航路が開設"


def test_other_item_types_are_skipped_with_a_reason_and_do_not_fail_the_run(tmp_path):
    out, err = run("import_ninjs", str(wire_folder(tmp_path) / "feeds"))
    assert "Not articles, skipped: 2" in out
    assert "wire.ndjson, line 4: type “event” is not an article" in out
    assert "batch.json, index 2: a bare picture item" in out
    assert err == ""
    assert not Photo.objects.exists()


# --- Status, versions, identity ----------------------------------------------------


def test_without_publish_new_versions_arrive_as_drafts(tmp_path):
    run("import_ninjs", str(write_json(tmp_path / "a.json", text_doc())))
    article = by_uri("urn:test:story")
    assert article.status_en == Status.DRAFT
    assert article.languages == []


def test_the_same_version_again_is_skipped_a_newer_one_updates(tmp_path):
    path = write_json(tmp_path / "a.json", text_doc())
    run("import_ninjs", str(path), "--publish")
    before = snapshot()
    out, _err = run("import_ninjs", str(path), "--publish")
    assert snapshot() == before
    assert totals(out) == (0, 0, 1, 0)
    older = text_doc(version="0", versionCreated="2025-01-01T00:00:00Z")
    older["headlines"] = [{"value": "Older"}]
    run("import_ninjs", str(write_json(tmp_path / "old.json", older)))
    assert snapshot() == before
    newer = text_doc(version="2", versionCreated="2026-01-05T11:00:00Z")
    newer["headlines"] = [{"value": "Newer headline"}]
    out, _err = run("import_ninjs", str(write_json(tmp_path / "new.json", newer)))
    article = by_uri("urn:test:story")
    assert article.title_en == "Newer headline"
    assert article.status_en == Status.PUBLISHED  # an update keeps the version's state
    assert article.wire_version_en == "2"
    assert totals(out) == (0, 1, 0, 0)


def test_a_new_language_with_the_same_uri_joins_the_article(tmp_path):
    run("import_ninjs", str(write_json(tmp_path / "en.json", text_doc())), "--publish")
    run(
        "import_ninjs",
        str(write_json(tmp_path / "fi.json", text_doc(language="fi"))),
        "--publish",
    )
    assert Article.objects.count() == 1
    article = by_uri("urn:test:story")
    assert article.languages == ["en", "fi"]
    assert article.translated_from_fi == "en"


def test_canceled_takes_a_version_down_and_withheld_keeps_it_unpublished(tmp_path):
    run("import_ninjs", str(write_json(tmp_path / "a.json", text_doc())), "--publish")
    canceled = text_doc(version="2", versionCreated="2026-01-06T00:00:00Z", pubStatus="canceled")
    del canceled["bodies"]
    run("import_ninjs", str(write_json(tmp_path / "b.json", canceled)), "--publish")
    article = by_uri("urn:test:story")
    assert article.status_en == Status.UNPUBLISHED
    assert article.body_en  # the text stays; only the state changed
    withheld = text_doc(uri="urn:test:held", pubStatus="withheld")
    run("import_ninjs", str(write_json(tmp_path / "c.json", withheld)), "--publish")
    assert by_uri("urn:test:held").status_en == Status.DRAFT


def test_embargo_keeps_a_version_private_until_then(tmp_path):
    doc = text_doc(embargoedUntil="2999-12-31T23:00:00+01:00")
    run("import_ninjs", str(write_json(tmp_path / "a.json", doc)), "--publish")
    article = by_uri("urn:test:story")
    assert not is_public(article, "en")
    assert is_public(article, "en", now=datetime(3000, 1, 1, tzinfo=UTC))


def test_section_option_places_new_articles_and_creates_the_section(tmp_path):
    run("import_ninjs", str(write_json(tmp_path / "a.json", text_doc())), "--section", "harbour")
    section = by_uri("urn:test:story").section
    assert (section.slug_en, section.name_en) == ("harbour", "Harbour")
    existing = SectionFactory()
    doc = text_doc(uri="urn:test:other")
    run("import_ninjs", str(write_json(tmp_path / "b.json", doc)), "--section", existing.slug_pt)
    assert by_uri("urn:test:other").section == existing
    run("import_ninjs", str(write_json(tmp_path / "c.json", text_doc(uri="urn:test:third"))))
    assert by_uri("urn:test:third").section.slug_en == "wire"  # the default


def test_language_option_gives_untagged_documents_a_language(tmp_path):
    doc = text_doc()
    del doc["language"]
    path = write_json(tmp_path / "a.json", doc)
    with pytest.raises(CommandError):
        run("import_ninjs", str(path))
    run("import_ninjs", str(path), "--language", "it")
    assert by_uri("urn:test:story").title_it


def test_standard_input_reads_json_or_ndjson(monkeypatch):
    lines = "\n".join(json.dumps(text_doc(uri=f"urn:test:{n}")) for n in range(3))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    run("import_ninjs", "-")
    assert Article.objects.count() == 3


def test_dry_run_checks_and_counts_but_writes_nothing(tmp_path, media_root):
    out, _err = run("import_ninjs", str(wire_folder(tmp_path) / "desk"), "--dry-run")
    assert "Dry run" in out
    assert totals(out) == (4, 0, 0, 0)
    assert "Section “wire” would be created." in out
    assert not Article.objects.exists() and not Section.objects.exists()
    assert files_under(media_root) == set()


def test_progress_is_shown_only_on_a_terminal(tmp_path):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    path = write_json(tmp_path / "a.json", [text_doc(uri=f"urn:test:{n}") for n in range(5)])
    terminal = Terminal()
    from django.core.management import call_command

    call_command("import_ninjs", str(path), stdout=terminal, stderr=io.StringIO())
    assert "\rWriting… 5/5" in terminal.getvalue()
    out, _err = run("import_ninjs", str(path))
    assert "\r" not in out


def test_skip_invalid_imports_the_rest_lists_the_refused_and_exits_1(tmp_path):
    write_json(tmp_path / "wire/good.json", text_doc())
    write_json(tmp_path / "wire/swedish.json", text_doc(uri="urn:test:sv", language="sv"))
    with pytest.raises(CommandError) as raised:
        run("import_ninjs", str(tmp_path / "wire"), "--skip-invalid")
    assert raised.value.returncode == 1
    assert list(Article.objects.values_list("uri", flat=True)) == ["urn:test:story"]


def test_skip_invalid_summary_names_the_refused_documents(tmp_path, capsys):
    write_json(tmp_path / "wire/good.json", text_doc())
    write_json(tmp_path / "wire/norwegian.json", text_doc(uri="urn:test:nb", language="nb-NO"))
    out, err = io.StringIO(), io.StringIO()
    from django.core.management import call_command

    with pytest.raises(CommandError):
        call_command(
            "import_ninjs", str(tmp_path / "wire"), "--skip-invalid", stdout=out, stderr=err
        )
    assert "norwegian.json: language “nb-NO” is not one of the site's languages" in err.getvalue()
    assert "nb-NO" in out.getvalue() and "en" in out.getvalue()


def test_pictures_over_http_are_fetched_only_with_fetch_media(tmp_path, monkeypatch):
    seen = []

    def fake_fetch(url):
        seen.append(url)
        return picture_bytes((900, 600))

    monkeypatch.setattr("articles.ninjs.importer.fetch", fake_fetch)
    folder = wire_folder(tmp_path)
    run("import_ninjs", str(folder / "desk/observatory.2x.json"))
    assert by_uri("urn:newsroom-test:wire:observatory").photo is None
    assert seen == []
    Article.objects.all().delete()
    run("import_ninjs", str(folder / "desk/observatory.2x.json"), "--fetch-media")
    assert seen == ["https://pictures.example.org/observatory.jpg"]
    assert by_uri("urn:newsroom-test:wire:observatory").photo.width == 900


def test_a_missing_picture_file_imports_the_text_with_a_warning(tmp_path):
    doc = text_doc(
        associations=[
            {
                "name": "mainpic",
                "uri": "urn:test:pic",
                "type": "picture",
                "by": "A. Photographer",
                "renditions": [{"name": "big", "href": "nowhere/pic.jpg"}],
            }
        ]
    )
    out, _err = run("import_ninjs", str(write_json(tmp_path / "a.json", doc)))
    assert "picture “mainpic” (urn:test:pic) has no file" in out
    assert "nowhere/pic.jpg does not exist" in out
    assert by_uri("urn:test:story").photo is None


def test_file_urls_inside_the_folder_are_read(tmp_path):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics/p.webp").write_bytes(picture_bytes((300, 200), "WEBP"))
    doc = text_doc(
        associations=[
            {
                "name": "mainpic",
                "uri": "urn:test:pic",
                "type": "picture",
                "by": "A. Photographer",
                "renditions": [{"name": "big", "href": (tmp_path / "pics/p.webp").as_uri()}],
            }
        ]
    )
    run("import_ninjs", str(write_json(tmp_path / "a.json", doc)))
    assert by_uri("urn:test:story").photo.image.name.endswith(".webp")


def test_slugs_stay_unique_per_language_within_a_run_and_across_runs(tmp_path):
    docs = [text_doc(uri=f"urn:test:{n}", slugline="Same story") for n in range(3)]
    run("import_ninjs", str(write_json(tmp_path / "a.json", docs)))
    later = text_doc(uri="urn:test:later", slugline="Same story")
    run("import_ninjs", str(write_json(tmp_path / "b.json", later)))
    slugs = sorted(Article.objects.values_list("slug_en", flat=True))
    assert slugs == ["same-story", "same-story-2", "same-story-3", "same-story-4"]


def test_unversioned_copy_updates_only_when_its_text_changes(tmp_path):
    doc = text_doc()
    del doc["version"], doc["versionCreated"]
    path = write_json(tmp_path / "a.json", doc)
    run("import_ninjs", str(path))
    before = snapshot()
    out, _err = run("import_ninjs", str(path))
    assert totals(out) == (0, 0, 1, 0) and snapshot() == before
    doc["headlines"] = [{"value": "Corrected headline"}]
    out, _err = run("import_ninjs", str(write_json(tmp_path / "b.json", doc)))
    assert totals(out) == (0, 1, 0, 0)
    assert by_uri("urn:test:story").title_en == "Corrected headline"


def test_a_cancellation_sent_twice_is_skipped_the_second_time(tmp_path):
    run("import_ninjs", str(write_json(tmp_path / "a.json", text_doc())), "--publish")
    kill = {"uri": "urn:test:story", "language": "en", "pubStatus": "canceled", "version": "2"}
    path = write_json(tmp_path / "kill.json", kill)
    assert totals(run("import_ninjs", str(path))[0]) == (0, 1, 0, 0)
    assert totals(run("import_ninjs", str(path))[0]) == (0, 0, 1, 0)
    never = {"uri": "urn:test:never", "language": "en", "pubStatus": "canceled"}
    assert totals(run("import_ninjs", str(write_json(tmp_path / "n.json", never)))[0]) == (
        0,
        0,
        1,
        0,
    )
    assert not Article.objects.filter(uri="urn:test:never").exists()


def test_a_malformed_event_is_still_only_skipped(tmp_path):
    event = {"uri": "urn:test:event", "type": "event", "headlines": "not a list"}
    out, _err = run("import_ninjs", str(write_json(tmp_path / "e.json", event)))
    assert "Not articles, skipped: 1" in out


def test_a_published_version_still_to_come_is_scheduled_and_its_go_live_queued(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    """Imports save through the article service, so a future version gets its
    go-live task where the task backend can defer, as the admin's does."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    when = datetime(2999, 1, 5, 9, 30, tzinfo=UTC)
    doc = text_doc("urn:test:later", "en", firstCreated=when.isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        run("import_ninjs", str(write_json(tmp_path / "later.json", doc)), "--publish")
    article = by_uri("urn:test:later")
    assert (article.status_en, article.published_at_en) == (Status.SCHEDULED, when)
    assert not is_public(article, "en")
    results = default_task_backend.results
    assert [r.task.run_after for r in results] == [when]
    assert results[0].task.name.endswith("publish_scheduled_task")
