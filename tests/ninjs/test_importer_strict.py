"""`import_ninjs --strict`: each document as sent, against the IPTC schema of its version.

The IPTC's schemas are read from NINJS_SCHEMA_DIR (../shared/ninjs/schema in
these tests, where it exists); the setting's and the folder's failures, and
hostile declarations, are tested with small schemas written here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from jsonschema import Draft7Validator, Draft202012Validator

from articles.models import Article
from articles.ninjs import iptc_schema
from tests.support.ninjs_support import (
    FIXTURES,
    SHARED,
    import_refusing,
    item_lines,
    needs_shared,
    run,
    snapshot,
    write_json,
)

pytestmark = pytest.mark.django_db

DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_7 = "http://json-schema.org/draft-07/schema#"


@pytest.fixture
def iptc_schemas(settings):
    settings.NINJS_SCHEMA_DIR = str(SHARED / "schema")


@pytest.fixture
def small_schemas(tmp_path, settings) -> Path:
    """A folder of small schemas of our own: 1.6 (draft-07) and 3.1 (2020-12), uri required."""
    folder = tmp_path / "schemas"
    for name, draft in (("ninjs-schema_1.6.json", DRAFT_7), ("ninjs-schema_3.1.json", DRAFT_2020)):
        write_json(
            folder / name,
            {"$schema": draft, "type": "object", "required": ["uri"]},
        )
    settings.NINJS_SCHEMA_DIR = str(folder)
    return folder


def refused_alone_under_strict(path: Path, reason: str) -> None:
    """`--strict` on `path` gives its one line and its error line `reason`, and writes nothing."""
    before = snapshot()
    out, err = import_refusing(str(path), "--strict")
    assert item_lines(out, path.parent) == {path.name: f"refused: {reason}"}
    assert f"  {path}: {reason}" in err
    assert snapshot() == before


def ninjs_1x(**extra) -> dict:
    return {
        "uri": "urn:newsroom-test:strict:1x",
        "type": "text",
        "version": "1",
        "versioncreated": "2026-04-01T08:00:00Z",
        "language": "es",
        "headline": "El puerto estrena grúas nuevas",
        "body_html": "<p>Las grúas llegan el lunes.</p>",
        **extra,
    }


def ninjs_3x(**extra) -> dict:
    return {
        "standard": {"name": "ninjs", "version": "3.1"},
        "uri": "urn:newsroom-test:strict:3x",
        "type": "text",
        "version": "1",
        "versionCreated": "2026-04-03T08:00:00Z",
        "language": "fr",
        "headlines": [{"role": "main", "value": "Le port reçoit de nouvelles grues"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>Lundi.</p>"}],
        **extra,
    }


def ninjs_2x() -> dict:
    """A German story in ninjs 2.2, which spells 3.x's names in lower case."""
    document = {key.lower(): value for key, value in ninjs_3x().items()}
    document.update(
        standard={"name": "ninjs", "version": "2.2"},
        uri="urn:newsroom-test:strict:2x",
        language="de",
        headlines=[{"role": "main", "value": "Der Hafen bekommt neue Kräne"}],
        bodies=[{"role": "main", "contenttype": "text/html", "value": "<p>Am Montag.</p>"}],
    )
    return document


@needs_shared
def test_conforming_1x_2x_and_3x_documents_pass(tmp_path, iptc_schemas):
    declared_16 = ninjs_1x(
        uri="urn:newsroom-test:strict:1x-declared",
        **{"$standard": {"name": "ninjs", "version": "1.6"}},
    )
    paths = [
        write_json(tmp_path / "feed" / name, document)
        for name, document in (
            ("a-1x.json", ninjs_1x()),
            ("b-1x-declared.json", declared_16),
            ("c-2x.json", ninjs_2x()),
            ("d-3x.json", ninjs_3x()),
        )
    ]
    shutil.copy(FIXTURES / "desk" / "museum.1x.json", tmp_path / "feed" / "e-museum.json")
    out, _err = run("import_ninjs", str(tmp_path / "feed"), "--strict")
    assert item_lines(out, tmp_path) == {
        "feed/a-1x.json": "imported (es, created)",
        "feed/b-1x-declared.json": "imported (es, created)",
        "feed/c-2x.json": "imported (de, created)",
        "feed/d-3x.json": "imported (fr, created)",
        "feed/e-museum.json": "imported (es, created)",
    }
    assert len(paths) + 1 == Article.objects.count()
    assert Article.objects.get(uri="urn:newsroom-test:strict:2x").title_de == (
        "Der Hafen bekommt neue Kräne"
    )


@needs_shared
def test_a_superdesk_document_is_refused_with_the_schemas_reason_and_imported_without_strict(
    tmp_path, iptc_schemas
):
    path = tmp_path / "ferry.json"
    shutil.copy(FIXTURES / "dialects" / "superdesk" / "ferry-timetable.json", path)
    refused_alone_under_strict(
        path,
        "not valid ninjs 1.6 (it declares no version; its names are ninjs 1.x's): "
        "the document 'uri' is a required property",
    )
    out, _err = run("import_ninjs", str(path))
    assert item_lines(out, tmp_path) == {"ferry.json": "imported (en, created)"}


@needs_shared
def test_strict_reads_the_document_as_sent_with_no_repair(tmp_path, iptc_schemas):
    # Without --strict an urgency that is a word is dropped with a warning.
    path = write_json(tmp_path / "urgent.json", ninjs_3x(urgency="high"))
    out, _err = import_refusing(str(path), "--strict")
    assert item_lines(out, tmp_path) == {
        "urgent.json": "refused: not valid ninjs 3.1: urgency: 'high' is not of type 'integer'"
    }
    out, _err = run("import_ninjs", str(path))
    assert item_lines(out, tmp_path) == {"urgent.json": "imported (fr, created)"}
    assert "urgency ignored" in out


@needs_shared
def test_a_declared_minor_version_the_folder_lacks_is_checked_by_the_newest_of_its_major(
    tmp_path, iptc_schemas
):
    document = ninjs_3x(urgency="high")
    document["standard"]["version"] = "3.0"
    path = write_json(tmp_path / "older.json", document)
    out, _err = import_refusing(str(path), "--strict")
    assert item_lines(out, tmp_path)["older.json"] == (
        "refused: not valid ninjs 3.1 (it declares 3.0: the folder's newest 3.x schema): "
        "urgency: 'high' is not of type 'integer'"
    )


@needs_shared
def test_each_schema_is_read_with_the_validator_of_the_draft_it_declares(iptc_schemas):
    schemas = iptc_schema.IptcSchemas.from_settings()
    drafts = {key: type(schemas.validator(path)) for key, path in sorted(schemas.files.items())}
    assert drafts == {
        (1, 6): Draft7Validator,
        (2, 2): Draft202012Validator,
        (3, 1): Draft202012Validator,
    }


def test_strict_without_the_setting_fails_the_run_and_writes_nothing(tmp_path, settings):
    settings.NINJS_SCHEMA_DIR = ""
    path = write_json(tmp_path / "story.json", ninjs_3x())
    before = snapshot()
    for extra in ((), ("--skip-invalid",)):
        with pytest.raises(CommandError) as raised:
            run("import_ninjs", str(path), "--strict", *extra)
        message = str(raised.value)
        assert "NINJS_SCHEMA_DIR is not set" in message
        assert "ninjs-schema_3.1.json" in message
    assert snapshot() == before
    settings.NINJS_SCHEMA_DIR = str(tmp_path / "no-such-folder")
    with pytest.raises(CommandError, match="NINJS_SCHEMA_DIR .*no-such-folder is not a folder"):
        run("import_ninjs", str(path), "--strict")
    # Without --strict the setting is not needed.
    run("import_ninjs", str(path))
    assert Article.objects.count() == 1


def test_a_missing_schema_file_fails_the_whole_run_before_anything_is_written(
    tmp_path, small_schemas
):
    (small_schemas / "ninjs-schema_1.6.json").unlink()
    feed = tmp_path / "feed"
    # The first document conforms; the second needs the 1.x schema, which is gone.
    write_json(feed / "a.json", ninjs_3x())
    write_json(feed / "b.json", ninjs_1x())
    before = snapshot()
    for extra in ((), ("--skip-invalid",)):
        with pytest.raises(CommandError) as raised:
            run("import_ninjs", str(feed), "--strict", *extra)
        assert str(raised.value) == (
            f"Nothing was imported: NINJS_SCHEMA_DIR {small_schemas} has no schema for "
            "ninjs 1.x: looked for ninjs-schema_1.*.json"
        )
    assert snapshot() == before
    document = ninjs_3x()
    document["standard"] = {"name": "ninjs", "version": "2.2"}
    write_json(feed / "b.json", document)
    with pytest.raises(CommandError) as raised:
        run("import_ninjs", str(feed), "--strict")
    assert str(raised.value).endswith(
        "has no schema for ninjs 2.2: looked for ninjs-schema_2.2.json or another "
        "ninjs-schema_2.*.json"
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("declaration", "reason"),
    [
        (
            {"standard": {"version": "../../etc/passwd"}},
            'standard.version "../../etc/passwd" is not a ninjs version (such as "3.1")',
        ),
        (
            {"standard": {"version": "3.1/../../../secret"}},
            'standard.version "3.1/../../../secret" is not a ninjs version (such as "3.1")',
        ),
        (
            {"standard": {"version": "\u0663.\u0661"}},
            'standard.version "\u0663.\u0661" is not a ninjs version (such as "3.1")',
        ),
        (
            {"$standard": {"version": "9.9"}},
            "$standard.version 9.9: --strict knows ninjs 1.x, 2.x and 3.x only",
        ),
        (
            {"standard": {"version": 3.1}},
            'standard.version: a number, where text such as "3.1" is expected',
        ),
        (
            {"standard": {"version": ["3.1"]}},
            'standard.version: an array, where text such as "3.1" is expected',
        ),
        (
            {"standard": "3.1"},
            "standard: a string, where an object naming the ninjs version is expected "
            '({"name": "ninjs", "version": "3.1"})',
        ),
        (
            {"standard": {"name": "ninjs"}},
            "standard.version is missing: the document names no ninjs version",
        ),
        (
            {"standard": {"version": "3." + "1" * 5000}},
            f'standard.version "3.{"1" * 38}" is not a ninjs version (such as "3.1")',
        ),
        (
            {"standard": {"version": "3.1"}, "$standard": {"version": "1.6"}},
            "declares two different ninjs versions (standard 3.1, $standard 1.6)",
        ),
    ],
)
def test_a_hostile_declared_version_is_refused_and_reads_nothing_outside_the_folder(
    tmp_path, small_schemas, monkeypatch, declaration, reason
):
    # A schema beside the folder that would let anything through, were it ever read.
    write_json(tmp_path / "secret.json", {"$schema": DRAFT_2020})
    read = []
    compile_schema = iptc_schema._compile

    def spy(path):
        read.append(path)
        return compile_schema(path)

    monkeypatch.setattr(iptc_schema, "_compile", spy)
    document = {key: value for key, value in ninjs_3x().items() if key != "standard"}
    path = write_json(tmp_path / "hostile.json", {**declaration, **document})
    refused_alone_under_strict(path, reason)
    assert all(p.parent == small_schemas for p in read), read


def test_a_document_nested_too_deep_to_check_is_refused_without_a_traceback(
    tmp_path, small_schemas
):
    document = ninjs_3x()
    inner = document
    for level in range(200):
        inner["associations"] = [{"uri": f"urn:newsroom-test:nested:{level}", "type": "text"}]
        inner = inner["associations"][0]
    path = write_json(tmp_path / "deep.json", document)
    refused_alone_under_strict(
        path, "nested more than 64 levels deep: too deep to be checked against the schema"
    )


def test_references_out_of_a_schema_are_never_fetched(tmp_path, small_schemas, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a schema reference was fetched")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    write_json(
        small_schemas / "ninjs-schema_3.1.json",
        {
            "$schema": DRAFT_2020,
            "type": "object",
            "required": ["uri"],
            "properties": {"geometry": {"$ref": "https://geojson.example.invalid/schema.json"}},
        },
    )
    path = write_json(tmp_path / "placed.json", ninjs_3x(geometry={"type": "Point"}))
    out, _err = run("import_ninjs", str(path), "--strict")
    assert item_lines(out, tmp_path) == {"placed.json": "imported (fr, created)"}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "cannot be read as JSON"),
        (json.dumps({"type": "object"}), "is no JSON Schema of a draft this importer knows"),
        (json.dumps({"$schema": DRAFT_2020, "type": 5}), "is not a valid JSON Schema"),
    ],
)
def test_a_broken_schema_file_fails_the_run_naming_the_file(tmp_path, small_schemas, content, says):
    (small_schemas / "ninjs-schema_3.1.json").write_text(content, encoding="utf-8")
    path = write_json(tmp_path / "story.json", ninjs_3x())
    with pytest.raises(CommandError) as raised:
        run("import_ninjs", str(path), "--strict")
    assert f"{small_schemas / 'ninjs-schema_3.1.json'}" in str(raised.value)
    assert says in str(raised.value)
    assert Article.objects.count() == 0


def test_strict_refuses_an_envelope_in_one_line_and_without_strict_unwraps_it(
    tmp_path, small_schemas
):
    envelope = {
        "api_version": "2.0",
        "data": {"current_item_count": 2, "items": [{"item": ninjs_3x()}, {"item": ninjs_1x()}]},
    }
    path = write_json(tmp_path / "feed.json", envelope)
    refused_alone_under_strict(
        path,
        "an API envelope (data.items[].item) holding 2 item(s), not a ninjs document: "
        "refused under --strict; without --strict its items would be imported",
    )
    out, _err = run("import_ninjs", str(path))
    assert item_lines(out, tmp_path) == {
        "feed.json, data.items[0].item": "imported (fr, created)",
        "feed.json, data.items[1].item": "imported (es, created)",
    }


def test_strict_keeps_the_importers_own_rules_after_the_schema(tmp_path, small_schemas):
    # The small schema lets it through; the importer's own checks still refuse it.
    document = ninjs_3x(language="sv")
    path = write_json(tmp_path / "swedish.json", document)
    out, _err = import_refusing(str(path), "--strict", "--dry-run")
    assert item_lines(out, tmp_path)["swedish.json"].startswith("refused: language “sv”")
    path = write_json(tmp_path / "swedish.json", ninjs_3x())
    before = snapshot()
    out, _err = run("import_ninjs", str(path), "--strict", "--dry-run")
    assert item_lines(out, tmp_path) == {"swedish.json": "imported (fr, would be created)"}
    assert snapshot() == before


@needs_shared
def test_a_document_without_a_declaration_is_held_to_the_schema_of_its_names(
    tmp_path, iptc_schemas
):
    undeclared = {k: v for k, v in ninjs_3x().items() if k != "standard"}
    path = write_json(tmp_path / "feed" / "camel.json", undeclared)
    out, _err = run("import_ninjs", str(path.parent), "--strict")
    assert item_lines(out, tmp_path) == {"feed/camel.json": "imported (fr, created)"}

    # The same names with 3.x's required `uri` missing: refused by the 3.1 schema, not 1.6's.
    Article.objects.all().delete()
    del undeclared["uri"]
    write_json(path, undeclared)
    refused_alone_under_strict(
        path,
        "not valid ninjs 3.1 (it declares no version; its names are ninjs 3.x's): "
        "the document 'uri' is a required property",
    )
