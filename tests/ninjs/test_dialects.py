"""Agency copy as wire systems really send it: tests/fixtures/ninjs/dialects/, item by item.

Each fixture imitates one producing system (its README names which); every
item gets one line in the report, and these tests hold each line to its
outcome: imported in which language, skipped why, refused why.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from articles.domain.languages import value_in
from articles.models import Article
from tests.support.ninjs_support import (
    FIXTURES,
    SHARED,
    assert_valid_ninjs_31,
    import_refusing,
    item_lines,
    needs_shared,
    picture_bytes,
    run,
    snapshot,
    table_rows,
)

pytestmark = pytest.mark.django_db

DIALECTS = FIXTURES / "dialects"
SUPPORTED = "(zh-hans, ru, en, fr, id, sa, ja, de, pt, el, es, it, fi, la)"
# The pictures the fixtures' renditions name, by path and size (drawn here, not stored).
PICTURES = {
    "superdesk/pictures/ferry-original.jpg": (1600, 1000),
    "superdesk/pictures/ferry-view.jpg": (640, 400),
    "superdesk/pictures/ferry-thumb.jpg": (120, 75),
    "superdesk/pictures/ofen-wide.jpg": (960, 540),
    "superdesk/pictures/ofen-43.jpg": (400, 300),
    "superdesk/pictures/market.jpg": (800, 600),
    "ap-media-api/pictures/bridge-main.jpg": (1024, 683),
    "ap-media-api/pictures/bridge-preview.jpg": (512, 341),
    "ninjs3-producer/pictures/molo-320.jpg": (320, 213),
    "ninjs3-producer/pictures/molo-sq.jpg": (200, 200),
    "ninjs3-producer/pictures/molo-1280.jpg": (1280, 853),
}


@dataclass(frozen=True)
class Story:
    """What an imported item must become."""

    uri: str
    language: str
    headline: str
    in_body: str
    # (caption, credit, width of the original) when the item carries a picture.
    photo: tuple[str, str, int] | None = None


IMPORTED = {
    "ap-media-api/feed.json, data.items[1].item": Story(
        "https://api.example.invalid/media/v/content/1b2c3d4e",
        "en",
        "Bridge repairs finish a week early",
        "<h2>Two lanes from Friday</h2>",
        ("", "Ola Berg", 1024),
    ),
    "ap-media-api/item.json, data.item": Story(
        "https://api.example.invalid/media/v/content/2c3d4e5f",
        "es",
        "Abre el nuevo mercado cubierto",
        "cuarenta puestos de fruta",
    ),
    "bbc-ldrs/feed.json, items[0]": Story(
        "urn:ldrs.example.invalid:story:70412",
        "en",
        "Council to review parking charges at the harbour",
        # The HTML body, the richer of the two, with its broken markup repaired.
        "<p>Traders said the charges <b>kept visitors away in the winter.</b></p>",
    ),
    "bbc-ldrs/results.json, items[0]": Story(
        "urn:ldrs.example.invalid:story:70433",
        "en",
        "Harbour ward by-election won by 224 votes",
        # A pipe table in plain text, its header marked by the rule line under it.
        '<tr><th scope="col">Candidate</th><th scope="col">Party</th><th scope="col">Votes</th>',
    ),
    "bbc-ldrs/feed.json, items[2]": Story(
        "urn:ldrs.example.invalid:story:70420",
        "en",
        "Budget meeting moved to Thursday",
        "Thursday evening",
    ),
    "ninjs3-producer/feed.ndjson, line 1": Story(
        "urn:producer.example.invalid:text:2026-0311-001",
        "it",
        "Il porto apre un nuovo molo per i pescherecci",
        "lunedì un nuovo molo",
        ("Pescherecci ormeggiati al nuovo molo.", "Giulia Ferri", 1280),
    ),
    "ninjs3-producer/feed.ndjson, line 2": Story(
        "urn:producer.example.invalid:text:2026-0311-002",
        "fi",
        "Kirjasto pidentää aukioloaikojaan",
        "<p>Viikonloppuisin aukioloajat pysyvät ennallaan.</p>",
    ),
    # English copy tagged French: imported as tagged, for the desk to correct.
    "ninjs3-producer/feed.ndjson, line 3": Story(
        "urn:producer.example.invalid:text:2026-0311-003",
        "fr",
        "Saturday market moves to Station Square",
        "<p>Stallholders voted for the move.</p>",
    ),
    "reuters-connect/item.json, data.item": Story(
        "tag:reuters.example.invalid,2026:newsml_L1N3TEST01",
        "fr",
        "La ville installe des capteurs d'air dans les écoles",
        # The rich body (with its table); named entities read, an unknown one left as text.
        "a-t-elle dit… &amp;agencecredit;",
    ),
    "reuters-connect/search.json, data.search.items[0]": Story(
        "tag:reuters.example.invalid,2026:newsml_L5N3TEST02",
        "de",
        "Stadtwerke senken den Wasserpreis",
        "Kosten für die Pumpen",
    ),
    "reuters-connect/search.json, data.search.items[2]": Story(
        "tag:reuters.example.invalid,2026:newsml_L5N3TEST04",
        "ja",
        "市立図書館、開館時間を延長",
        "午後九時まで延長する",
    ),
    "superdesk/bakery-plain.json": Story(
        "urn:newsml:sd.newsroom-test:2026-03-03:baeckerei",
        "de",
        "Alte Bäckerei am Markt öffnet wieder",
        "<p>Zur Eröffnung gibt es Brot aus dem alten Rezeptbuch.</p>",
        ("Der neue Ofen der Bäckerei am Markt.", "Jana Oster", 960),
    ),
    "superdesk/ferry-timetable.json": Story(
        "urn:newsml:sd.newsroom-test:2026-03-02:ferry-timetable",
        "en",
        "Island ferry adds an early crossing from April",
        "<p>Fares stay the same.</p>",
        ("The morning ferry leaves the north pier of Lindholm.", "Ines Varga", 1600),
    ),
    "wire-ingest/rows.ndjson, line 1": Story(
        "tag:reuters.example.invalid,2026:newsml_L2N3TEST05",
        "pt",
        "Preço dos bilhetes de comboio sobe em abril",
        "<td>Norte</td><td>12,40</td>",
    ),
    "wire-ingest/rows.ndjson, line 5": Story(
        "urn:aap.example.invalid:item:55131",
        "en",
        "Harbour exchange ends the week higher",
        "<tr><td>Retail &amp; Leisure</td><td>&lt;n/a&gt;</td><td>-0.3%</td></tr>",
    ),
    "wire-ingest/rows.ndjson, line 3": Story(
        "urn:pa.example.invalid:item:88213",
        "en",
        "Lifeboat crew rescues two kayakers",
        "<p>Both were brought ashore safely<br>and needed no treatment.</p>",
    ),
}
SKIPPED = {
    "reuters-connect/search.json, data.search.items[1]": (
        "an advisory (a note to editors), not copy for readers"
    ),
    "superdesk/picture-only.json": "a bare picture item, not an article",
}
REFUSED = {
    "ap-media-api/feed.json, data.items[0].item": (
        "no body: the item carries its text only as a link (https://api.example.invalid/media/v/"
        "content/0a1b2c3d.1/download?type=text&format=NITF), not fetched"
    ),
    "bbc-ldrs/feed.json, items[1]": (
        f"no “language”: give the document one, or run with --language L (one of {SUPPORTED[1:-1]})"
    ),
    "wire-ingest/rows.ndjson, line 2": "no “uri” (nor “guid”): the item has nothing to be known by",
    "wire-ingest/rows.ndjson, line 4": (
        f"language “sv” is not one of the site's languages {SUPPORTED}"
    ),
}
WARNINGS = [
    "ap-media-api/feed.json: the envelope says it holds 3 items, but 2 are there: those are read",
    "bbc-ldrs/feed.json: the envelope says it holds 4 items, but 3 are there: those are read",
    "bbc-ldrs/feed.json, items[0]: versionCreated “2026-03-07T10:02:30” has no time zone: "
    "taken as UTC",
    "bbc-ldrs/feed.json, items[2]: no versionCreated: the version is dated by firstCreated",
    "bbc-ldrs/results.json, items[0]: versionCreated “2026-03-08T01:45:00” has no time zone: "
    "taken as UTC",
    "ninjs3-producer/feed.ndjson, line 1: urgency ignored: not a number from 1 to 9",
    "wire-ingest/rows.ndjson, line 1: a plain-text body holds HTML: read as HTML",
]


def dialect_folder(tmp_path: Path) -> Path:
    """A copy of the dialect fixtures with the pictures their renditions name."""
    folder = tmp_path / "dialects"
    shutil.copytree(DIALECTS, folder, ignore=shutil.ignore_patterns("README.md"))
    for name, size in PICTURES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(picture_bytes(size))
    return folder


def test_every_fixture_item_gets_its_line_and_its_outcome(tmp_path):
    folder = dialect_folder(tmp_path)
    out, err = import_refusing(str(folder))
    lines = item_lines(out, folder)
    expected = {
        **{where: f"imported ({story.language}, created)" for where, story in IMPORTED.items()},
        **{where: f"skipped: {reason}" for where, reason in SKIPPED.items()},
        **{where: f"refused: {reason}" for where, reason in REFUSED.items()},
    }
    assert lines == expected
    for warning in WARNINGS:
        assert f"{folder}/{warning}" in out
    for where, reason in REFUSED.items():
        assert f"  {folder}/{where}: {reason}" in err
    assert Article.objects.count() == len(IMPORTED)


def test_imported_items_carry_headline_body_photo_and_caption(tmp_path):
    import_refusing(str(dialect_folder(tmp_path)))
    for where, story in IMPORTED.items():
        article = Article.objects.get(uri=story.uri)
        assert value_in(article, "title", story.language) == story.headline, where
        body = value_in(article, "body", story.language)
        assert body.startswith("<"), where
        assert story.in_body in body, (where, body)
        if story.photo is None:
            assert article.photo is None, where
            continue
        caption, credit, width = story.photo
        assert (value_in(article.photo, "caption", story.language) or "") == caption, where
        assert (article.photo.credit, article.photo.width) == (credit, width), where


def test_superdesk_dialect_keeps_what_the_site_uses_and_ignores_the_rest(tmp_path):
    import_refusing(str(dialect_folder(tmp_path)))
    ferry = Article.objects.get(uri="urn:newsml:sd.newsroom-test:2026-03-02:ferry-timetable")
    assert ferry.byline_en == "Maren Holt, Tomas Reed"  # from authors[], byline being empty
    assert ferry.summary_en == "Commuters from Lindholm will get a 05:40 sailing on weekdays."
    assert ferry.wire_version_en == "3"
    assert ferry.wire_version_created_en.isoformat() == "2026-03-02T08:40:11+00:00"
    assert ferry.published_at_en.isoformat() == "2026-03-02T07:55:02+00:00"
    assert ferry.copyright_notice == "© 2026 Harbour Desk. For subscribers only."
    # Editor comments and embedded scripts do not reach the page.
    assert "EMBED" not in ferry.body_en and "<script" not in ferry.body_en
    assert ferry.photo.alt_text_en == "A white ferry pulling away from a wooden pier at sunrise"
    # The plain-text body_html is read as paragraphs.
    bakery = Article.objects.get(uri="urn:newsml:sd.newsroom-test:2026-03-03:baeckerei")
    assert bakery.body_de.count("<p>") == 3


TABLES = {
    "urn:ldrs.example.invalid:story:70433": [
        ("th", ["Candidate", "Party", "Votes"]),
        ("td", ["Amira Cole", "Harbour First", "1,204"]),
        ("td", ["Dan O'Neill", "Independent", "980"]),
        ("td", ["Priya Shah", "Green", "311"]),
    ],
    "urn:aap.example.invalid:item:55131": [
        ("th", ["Index", "Close", "Change"]),
        ("td", ["Harbour 50", "4,512.30", "+0.8%"]),
        ("td", ["Shipping", "1,204.75", "+1.6%"]),
        ("td", ["Retail & Leisure", "<n/a>", "-0.3%"]),
    ],
}


def test_tables_in_plain_text_bodies_reach_the_stored_body_and_the_page(tmp_path, client):
    folder = dialect_folder(tmp_path)
    import_refusing(str(folder / "bbc-ldrs"), str(folder / "wire-ingest"), "--publish")
    for uri, rows in TABLES.items():
        article = Article.objects.get(uri=uri)
        assert table_rows(article.body_en) == rows, uri
        page = client.get(article.get_absolute_url("en"))
        assert page.status_code == 200, uri
        body = BeautifulSoup(page.content, "html.parser").select_one(".body")
        assert table_rows(str(body)) == rows, uri
        assert body.find("thead") is not None and body.find("tbody") is not None
    market = Article.objects.get(uri="urn:aap.example.invalid:item:55131")
    # Text around the table stays paragraphs; one line with a tab is no table.
    assert market.body_en.count("<table>") == 1
    assert "<p>Source: Harbour Exchange</p>" in market.body_en
    assert market.body_en.endswith("<p>Trading resumes on Monday at 09:00.</p>")


def test_dates_in_mixed_styles_are_read_to_the_second(tmp_path):
    import_refusing(str(dialect_folder(tmp_path)))
    rows = Article.objects.get(uri="tag:reuters.example.invalid,2026:newsml_L2N3TEST05")
    # "+01:00" and fractional seconds with "Z" in one document.
    assert rows.wire_version_created_pt.isoformat() == "2026-03-08T08:30:00+00:00"
    assert rows.published_at_pt.isoformat() == "2026-03-08T07:00:00+00:00"
    ldrs = Article.objects.get(uri="urn:ldrs.example.invalid:story:70412")
    assert ldrs.wire_version_created_en.isoformat() == "2026-03-07T10:02:30+00:00"


def test_language_option_gives_untagged_items_a_language(tmp_path):
    folder = dialect_folder(tmp_path)
    out, _err = run("import_ninjs", str(folder / "bbc-ldrs"), "--language", "en")
    lines = item_lines(out, folder)
    assert lines["bbc-ldrs/feed.json, items[1]"] == "imported (en, created)"
    assert Article.objects.get(uri="urn:ldrs.example.invalid:story:70418").title_en == (
        "New crossing planned outside the primary school"
    )


@needs_shared
def test_strict_refuses_envelopes_and_every_dialect_that_is_not_ninjs_as_sent(tmp_path, settings):
    settings.NINJS_SCHEMA_DIR = str(SHARED / "schema")
    folder = dialect_folder(tmp_path)
    before = snapshot()
    out, _err = import_refusing(str(folder), "--strict", "--dry-run")
    assert snapshot() == before
    lines = item_lines(out, folder)
    envelope = (
        "refused: an API envelope ({shape}) holding {count} item(s), not a ninjs document: "
        "refused under --strict; without --strict its items would be imported"
    )
    no_uri = (
        "refused: not valid ninjs 1.6 (it declares no version; its names are ninjs 1.x's): "
        "the document 'uri' is a required property"
    )
    assert {where: line for where, line in lines.items() if "envelope" in line} == {
        "ap-media-api/feed.json": envelope.format(shape="data.items[].item", count=2),
        "ap-media-api/item.json": envelope.format(shape="data.item", count=1),
        "bbc-ldrs/feed.json": envelope.format(shape="items[]", count=3),
        "bbc-ldrs/results.json": envelope.format(shape="items[]", count=1),
        "reuters-connect/item.json": envelope.format(shape="data.item", count=1),
        "reuters-connect/search.json": envelope.format(shape="data.search.items[]", count=3),
    }
    assert lines["superdesk/ferry-timetable.json"] == no_uri
    assert lines["superdesk/picture-only.json"] == no_uri
    assert lines["wire-ingest/rows.ndjson, line 2"] == no_uri
    assert lines["wire-ingest/rows.ndjson, line 1"].startswith(
        "refused: not valid ninjs 1.6 (it declares no version; its names are ninjs 1.x's): "
        "/: 'abstract', "
    )
    assert lines["ninjs3-producer/feed.ndjson, line 1"] == (
        "refused: not valid ninjs 3.1 (it declares 3.0: the folder's newest 3.x schema): "
        "associations[0] 'name' is a required property"
    )
    imported = {where for where, line in lines.items() if line.startswith("imported")}
    assert imported == {
        "ninjs3-producer/feed.ndjson, line 2",
        "ninjs3-producer/feed.ndjson, line 3",
    }
    assert all(line.startswith(("imported", "refused: ")) for line in lines.values())


def test_dry_run_reports_every_line_and_writes_nothing(tmp_path):
    folder = dialect_folder(tmp_path)
    before = snapshot()
    out, _err = import_refusing(str(folder), "--dry-run")
    assert snapshot() == before
    lines = item_lines(out, folder)
    assert lines["superdesk/ferry-timetable.json"] == "imported (en, would be created)"
    assert lines["wire-ingest/rows.ndjson, line 2"].startswith("refused: ")


def test_the_same_feed_again_is_skipped_item_by_item(tmp_path):
    folder = dialect_folder(tmp_path)
    import_refusing(str(folder))
    before = snapshot()
    out, _err = import_refusing(str(folder))
    assert snapshot()["articles"] == before["articles"]
    lines = item_lines(out, folder)
    for where in IMPORTED:
        assert lines[where].startswith("skipped: version "), (where, lines[where])


def test_superdesk_guid_then_uri_is_the_same_article(tmp_path):
    folder = dialect_folder(tmp_path)
    path = folder / "superdesk" / "ferry-timetable.json"
    run("import_ninjs", str(path))
    document = json.loads(path.read_text())
    document.update(
        uri="https://harbour.example.invalid/2026/ferry-timetable",
        version="4",
        versioncreated="2026-03-02T09:00:00+0000",
        headline="Island ferry adds two early crossings from April",
    )
    path.write_text(json.dumps(document))
    out, _err = run("import_ninjs", str(path))
    assert "imported (en, updated)" in out
    article = Article.objects.get()
    assert article.uri == "https://harbour.example.invalid/2026/ferry-timetable"
    assert article.title_en == "Island ferry adds two early crossings from April"


@needs_shared
def test_import_export_reimport_is_idempotent_and_the_export_is_ninjs_31(tmp_path, settings):
    settings.NEWSROOM_BASE_URL = "http://testserver"
    folder = dialect_folder(tmp_path)
    import_refusing(str(folder), "--publish")
    exported, _err = run("export_ninjs")
    documents = [json.loads(line) for line in exported.splitlines() if line.strip()]
    assert len(documents) == len(IMPORTED)
    for document in documents:
        assert_valid_ninjs_31(document)
    before = snapshot()
    export = tmp_path / "export.ndjson"
    export.write_text(exported, encoding="utf-8")
    out, _err = run("import_ninjs", str(export), "--publish")
    after = snapshot()
    for old, new in zip(before["articles"], after["articles"], strict=True):
        assert {k: v for k, v in new.items() if old[k] != v} == {}, old["uri"]
    assert after == before
    outcomes = [line for line in out.splitlines() if line.startswith(f"  {export}, line ")]
    assert len(outcomes) == len(IMPORTED)
    assert all(": skipped: version " in line for line in outcomes), outcomes
    # And the export of the re-imported site is the same export.
    again, _err = run("export_ninjs")
    assert again == exported


def test_a_page_of_the_sites_own_api_imports_back_unchanged(tmp_path, client, settings):
    """`{"count", "page", "pages", "items": […]}`: count is the total of every page."""
    settings.NEWSROOM_BASE_URL = "http://testserver"
    folder = dialect_folder(tmp_path)
    run("import_ninjs", str(folder / "superdesk"), str(folder / "reuters-connect"), "--publish")
    page = client.get("/api/ninjs/de/").json()
    assert page["count"] == 2 and len(page["items"]) == 2
    path = tmp_path / "api-page.json"
    path.write_text(json.dumps({**page, "count": 57, "pages": 3}), encoding="utf-8")
    before = snapshot()
    out, _err = run("import_ninjs", str(path), "--publish")
    assert snapshot() == before
    lines = item_lines(out, tmp_path)
    assert set(lines) == {"api-page.json, items[0]", "api-page.json, items[1]"}
    assert all(line.startswith("skipped: version ") for line in lines.values()), lines
    assert "envelope says" not in out
