"""Hostile sizes and markup in ninjs copy.

Every text is read in time linear in its length (tags, bodies, heads and NITF
found without backtracking patterns), over-long texts are refused by their
length before anything parses them, and one document is at most 8 MB, refused
before json.loads. bench/hostile_import.py has the timings; these tests prove
the behaviour: refused with a message naming file and line, or imported.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.support.ninjs_support import run, text_doc, write_json

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def hostile_line(size: int) -> bytes:
    """One ninjs document of `size` bytes whose byline is nothing but "<"."""
    base = len(json.dumps(text_doc(uri="urn:test:hostile", by="")))
    return json.dumps(text_doc(uri="urn:test:hostile", by="<" * (size - base))).encode()


def refused(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_ninjs", *args, stdout=out, stderr=err)
    assert not Article.objects.exists()
    return err.getvalue()


def test_a_16_mb_ndjson_line_is_refused_naming_file_and_line(tmp_path):
    line = hostile_line(16 * MB - 100)
    assert len(line) == 16 * MB - 100
    path = tmp_path / "feed.ndjson"
    path.write_bytes(json.dumps(text_doc()).encode() + b"\n" + line + b"\n")
    err = refused(str(path))
    assert "feed.ndjson, line 2: 16.0 MB is too big: at most 8 MB is read" in err


def test_a_16_mb_line_on_standard_input_is_refused(monkeypatch):
    data = json.dumps(text_doc()).encode() + b"\n" + hostile_line(16 * MB - 100) + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    err = refused("-")
    assert "<stdin>, line 2: 16.0 MB is too big: at most 8 MB is read" in err


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"by": "<" * 20_000}, "by is 20,000 characters long; at most 10,000 are accepted"),
        (
            {"headlines": [{"role": "main", "value": "<" * MB}]},
            "headlines[0].value is 1,048,576 characters long; at most 10,000 are accepted",
        ),
        (
            {"descriptions": [{"role": "summary", "value": "<a" * 100_000}]},
            "descriptions[0].value is 200,000 characters long; at most 100,000 are accepted",
        ),
        (
            {"language": "a-" * 500_000},
            "language is 1,000,000 characters long; at most 100 are accepted",
        ),
        (
            {"slugline": "-" * 50_000},
            "slugline is 50,000 characters long; at most 10,000 are accepted",
        ),
        (
            {
                "associations": [
                    {"type": "picture", "by": "<" * 20_000, "renditions": [{"href": "p.jpg"}]}
                ]
            },
            "associations[0].by is 20,000 characters long; at most 10,000 are accepted",
        ),
        (
            {"bodies": [{"contentType": "text/html", "value": "<body>" * 200_000}]},
            "a body is 1,200,000 characters long; at most 1,000,000 are accepted",
        ),
    ],
    ids=["by", "headline", "description", "language", "slugline", "credit", "body"],
)
def test_over_long_texts_are_refused_by_their_length(tmp_path, extra, message):
    path = write_json(tmp_path / "feed.json", text_doc(**extra))
    assert f"feed.json: {message}" in refused(str(path))


def test_a_schema_error_does_not_quote_megabytes(tmp_path):
    path = write_json(tmp_path / "feed.json", text_doc(pubStatus="9" * MB))
    err = refused(str(path))
    assert "feed.json: pubStatus:" in err
    assert len(err) < 1000


@pytest.mark.parametrize(
    "body",
    [
        "<body>" * 150_000 + "<p>Copy survives.</p>",
        "<head>" * 150_000 + "<p>Copy survives.</p>",
        "<?xml" * 150_000 + "<p>Copy survives.</p>",
        "<!DOCTYPE" * 100_000 + "<p>Copy survives.</p>",
        "<" * 900_000 + "<p>Copy survives.</p>",
    ],
    ids=["body", "head", "xml", "doctype", "lt"],
)
def test_big_but_legal_adversarial_bodies_are_imported(tmp_path, body):
    doc = text_doc(bodies=[{"contentType": "text/html", "value": body}])
    run("import_ninjs", str(write_json(tmp_path / "feed.json", doc)))
    assert "Copy survives." in Article.objects.get().body_en


def test_big_but_legal_adversarial_nitf_is_imported(tmp_path):
    body = "<body.content>" * 60_000 + "<hl2" * 20_000 + "<p>Copy survives.</p>"
    doc = text_doc(bodies=[{"contentType": "application/vnd.iptc.nitf+xml", "value": body}])
    run("import_ninjs", str(write_json(tmp_path / "feed.json", doc)))
    assert "Copy survives." in Article.objects.get().body_en


def test_big_but_legal_markup_in_byline_headline_and_summary_is_read(tmp_path):
    doc = text_doc(
        by="<b>" * 3_000 + "Ann Reporter",
        headlines=[{"role": "main", "contentType": "text/html", "value": "<i>" * 3_000 + "Bridge"}],
        descriptions=[{"role": "summary", "contentType": "text/html", "value": "<i" * 40_000}],
    )
    run("import_ninjs", str(write_json(tmp_path / "feed.json", doc)))
    article = Article.objects.get()
    assert (article.byline_en, article.title_en) == ("Ann Reporter", "Bridge")
    assert article.summary_en == "<i" * 40_000


def test_json_nested_too_deeply_is_refused(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps(text_doc()) + "\n" + "[" * 100_000 + "\n")
    assert "feed.ndjson, line 2: malformed JSON: nested too deeply" in refused(str(path))


def test_associations_nested_too_deeply_are_refused(tmp_path):
    doc = text_doc()
    inner = doc
    for _ in range(400):
        inner["associations"] = [{"type": "text", "uri": "urn:test:inner"}]
        inner = inner["associations"][0]
    path = write_json(tmp_path / "feed.json", doc)
    assert "feed.json: associations are nested more than 4 deep" in refused(str(path))
