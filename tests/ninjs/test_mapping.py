"""articles/ninjs/mapping.py and ninjs_reader.py on their own: names, bodies, reading."""

from __future__ import annotations

import io
import json

import pytest

from articles.ninjs.export import bcp47
from articles.ninjs.mapping import (
    NinjsError,
    check,
    html_document_content,
    normalize,
    paragraphs,
    read_wire_text,
)
from articles.ninjs.reader import Document, ReadProblem, read_paths


def test_lowercase_2x_names_become_3x_names():
    doc = normalize(
        {
            "URI": "urn:x",
            "versioncreated": "2026-01-01T00:00:00Z",
            "embargoed": "2026-02-01T00:00:00Z",
            "pubstatus": "usable",
            "bodies": [{"contenttype": "text/plain", "value": "x"}],
            "version": 4,
        }
    )
    assert doc["uri"] == "urn:x"
    assert doc["versionCreated"] == "2026-01-01T00:00:00Z"
    assert doc["embargoedUntil"] == "2026-02-01T00:00:00Z"
    assert doc["bodies"] == [{"contentType": "text/plain", "value": "x"}]
    assert doc["version"] == "4"


def test_1x_flat_names_and_keyed_objects_become_arrays():
    doc = normalize(
        {
            "uri": "urn:x",
            "headline": "Title",
            "body_text": "Plain",
            "body_html": "<p>Rich</p>",
            "description_text": "Short",
            "byline": "Someone",
            "associations": {"main": {"type": "picture", "renditions": {"big": {"href": "a.jpg"}}}},
        }
    )
    assert doc["headlines"] == [{"role": "main", "value": "Title"}]
    assert {b["contentType"] for b in doc["bodies"]} == {"text/plain", "text/html"}
    assert doc["by"] == "Someone"
    assert doc["associations"][0]["name"] == "main"
    assert doc["associations"][0]["renditions"] == [{"name": "big", "href": "a.jpg"}]
    assert read_wire_text(doc, default_language="en").body == "<p>Rich</p>"


def test_the_same_property_twice_with_different_values_is_refused():
    with pytest.raises(NinjsError, match="“versionCreated” and “versioncreated”"):
        normalize({"uri": "u", "versionCreated": "2026-01-01", "versioncreated": "2025-01-01"})


def test_schema_errors_name_the_property():
    with pytest.raises(NinjsError, match=r"associations\[0\]\.renditions\[0\]\.width"):
        check(normalize({"uri": "u", "associations": [{"renditions": [{"width": "big"}]}]}))
    with pytest.raises(NinjsError, match="urgency: 12 is greater than the maximum of 9"):
        check(normalize({"uri": "u", "urgency": 12}))


@pytest.mark.parametrize(
    "tag,code", [("pt-BR", "pt"), ("EN", "en"), ("zh", "zh-hans"), ("zh-Hans-CN", "zh-hans")]
)
def test_language_tags_match_site_languages(tag, code):
    doc = {"uri": "u", "language": tag, "headlines": [{"value": "T"}], "bodies": [{"value": "b"}]}
    assert read_wire_text(doc).language == code


def test_bodies_html_first_then_nitf_then_plain_text():
    html = "<html><head><title>Page</title></head><body class='x'><p>Copy</p></body></html>"
    assert html_document_content(html) == "<p>Copy</p>"
    assert paragraphs("One\nTwo") == "<p>One</p><p>Two</p>"
    assert paragraphs("One\nstill one\n\nTwo") == "<p>One still one</p><p>Two</p>"
    nitf = {
        "contentType": "text/vnd.IPTC.NITF",
        "value": "<nitf><head><title>T</title></head><body><body.head><hedline><hl1>H</hl1>"
        "</hedline></body.head><body.content><hl2>Sub</hl2><p>Para</p></body.content></body></nitf>",
    }
    doc = {"uri": "u", "headlines": [{"value": "T"}], "bodies": [{"value": "plain"}, nitf]}
    assert read_wire_text(doc, default_language="en").body == "<h2>Sub</h2><p>Para</p>"


def test_bcp47_spells_the_script_subtag():
    assert (bcp47("zh-hans"), bcp47("pt"), bcp47("sa")) == ("zh-Hans", "pt", "sa")


def test_reader_labels_documents_by_file_and_place(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"uri": "1"}, {"uri": "2"}]))
    (tmp_path / "b.ndjson").write_text('{"uri": "3"}\n\n{"uri": "4"}\n')
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/c.jsonl").write_bytes(b'\xef\xbb\xbf{"uri": "5"}\n')  # a BOM
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    items = list(read_paths([str(tmp_path)]))
    assert all(isinstance(item, Document) for item in items)
    assert [item.data["uri"] for item in items] == ["1", "2", "3", "4", "5"]
    assert [item.where.removeprefix(str(tmp_path) + "/") for item in items] == [
        "a.json, index 0",
        "a.json, index 1",
        "b.ndjson, line 1",
        "b.ndjson, line 3",
        "sub/c.jsonl, line 1",
    ]


def test_reader_reports_bad_bytes_without_stopping(tmp_path):
    (tmp_path / "bad.ndjson").write_bytes(b'{"uri": "1"}\n\xff\xfe\n{"uri": "2"}\n')
    items = list(read_paths([str(tmp_path / "bad.ndjson")]))
    assert [type(item) for item in items] == [Document, ReadProblem, Document]  # input order
    assert items[1].where.endswith("bad.ndjson, line 2")
    assert "not UTF-8" in items[1].message


def test_standard_input_pretty_printed_json_or_ndjson():
    pretty = json.dumps([{"uri": "1"}, {"uri": "2"}], indent=2).encode()
    assert len(list(read_paths(["-"], stdin=io.BytesIO(pretty)))) == 2
    one = json.dumps({"uri": "1", "headlines": [{"value": "x"}]}, indent=2).encode()
    assert [d.data["uri"] for d in read_paths(["-"], stdin=io.BytesIO(one))] == ["1"]
    broken = b'{\n  "uri": "1",\n  oops\n}'
    (problem,) = read_paths(["-"], stdin=io.BytesIO(broken))
    assert problem.where == "<stdin>, line 3, column 3"
