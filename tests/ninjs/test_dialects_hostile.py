"""Broken and hostile input in the lenient dialects: one clear line per item, never a crash.

Wrong types at every level of a Superdesk-style document, envelopes that lie
or hold junk, and XML bodies with entity bombs and external entities, which
are never expanded or fetched: bodies are never parsed as XML at all.
"""

from __future__ import annotations

import copy
import json

import pytest

from articles.models import Article
from tests.support.ninjs_support import import_refusing, item_lines, run, write_json

pytestmark = pytest.mark.django_db

SUPERDESK = {
    "guid": "urn:newsml:test:hostile",
    "type": "text",
    "version": "1",
    "versioncreated": "2026-03-02T08:40:11+0000",
    "language": "en",
    "headline": "A story that survives its neighbours",
    "body_html": "<p>Copy that should be imported.</p>",
    "associations": {
        "featuremedia": {
            "guid": "urn:newsml:test:hostile-photo",
            "type": "picture",
            "byline": "A. Photographer",
            "renditions": {"original": {"href": "missing.jpg", "width": "800", "height": "600"}},
        }
    },
}


def nested(depth: int) -> dict:
    doc: dict = {"type": "picture", "byline": "x"}
    for _level in range(depth):
        doc = {"type": "picture", "byline": "x", "associations": {"a": doc}}
    return doc


def edited(path: tuple, value) -> dict:
    """SUPERDESK with the value at `path` replaced."""
    doc = copy.deepcopy(SUPERDESK)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


# (document, how its line starts)
WRONG_TYPES = {
    "headline is a number": (edited(("headline",), 5), "refused: headlines[0].value: 5 is not"),
    "headline is null": (edited(("headline",), None), "refused: headlines[0].value: None is not"),
    "headlines is text": (
        {**SUPERDESK, "headlines": "Headline"},
        "refused: headlines: 'Headline' is not of type 'array'",
    ),
    "bodies is an object": (
        {**SUPERDESK, "bodies": {"main": "x"}},
        "refused: bodies: {'main': 'x'} is not of type 'array'",
    ),
    "a body value is a number": (
        {**SUPERDESK, "bodies": [{"value": 5}]},
        "refused: bodies[0].value: 5 is not of type 'string'",
    ),
    "language is a number": (edited(("language",), 5), "refused: language: 5 is not of type"),
    "versioncreated is a number": (
        edited(("versioncreated",), 20260302),
        "refused: versionCreated: 20260302 is not of type 'string'",
    ),
    "versioncreated is words": (
        edited(("versioncreated",), "yesterday"),
        "refused: versionCreated: “yesterday” is not a date and time",
    ),
    "guid is a number": (
        edited(("guid",), 5),
        "refused: no “uri” (nor “guid”): the item has nothing to be known by",
    ),
    "type is a number": (edited(("type",), 5), "refused: type: 5 is not of type 'string'"),
    "pubstatus is a list": (
        {**SUPERDESK, "pubstatus": ["usable"]},
        "refused: pubStatus: ['usable'] is not one of",
    ),
    "byline is a list": (
        {**SUPERDESK, "byline": ["Someone"]},
        "refused: by: ['Someone'] is not of type 'string'",
    ),
    "associations is text": (
        edited(("associations",), "featuremedia"),
        "refused: associations: 'featuremedia' is not of type 'array'",
    ),
    "an association is text": (
        edited(("associations", "featuremedia"), "photo"),
        "refused: associations[0]: 'photo' is not of type 'object'",
    ),
    "renditions is text": (
        edited(("associations", "featuremedia", "renditions"), "original.jpg"),
        "refused: associations[0].renditions: 'original.jpg' is not of type 'array'",
    ),
    "associations nested too deep": (
        edited(("associations",), {"a": nested(30)}),
        "refused: associations are nested more than 4 deep",
    ),
    # What the site does not use never refuses copy.
    "a rendition's width is words": (
        edited(("associations", "featuremedia", "renditions", "original", "width"), "wide"),
        "imported (en, created)",
    ),
    "urgency is words": ({**SUPERDESK, "urgency": "flash"}, "imported (en, created)"),
    "priority is an object": ({**SUPERDESK, "priority": {"a": 1}}, "imported (en, created)"),
    "authors is text": ({**SUPERDESK, "authors": "Someone"}, "imported (en, created)"),
    "authors hold numbers": (
        {**SUPERDESK, "authors": [1, None, {"name": 5}]},
        "imported (en, created)",
    ),
    "keywords nested deep": (
        {**SUPERDESK, "keywords": json.loads("[" * 500 + "]" * 500)},
        "imported (en, created)",
    ),
    "extra is anything": ({**SUPERDESK, "extra": [None, 1.5, {"x": []}]}, "imported (en, created)"),
    "slugline is a number": ({**SUPERDESK, "slugline": 41}, "imported (en, created)"),
}


@pytest.mark.parametrize("case", WRONG_TYPES, ids=list(WRONG_TYPES))
def test_wrong_types_at_every_level_get_a_clear_line(case, tmp_path):
    document, expected = WRONG_TYPES[case]
    good = {**SUPERDESK, "guid": "urn:newsml:test:good", "associations": {}}
    write_json(tmp_path / "wire" / "a-good.json", good)
    write_json(tmp_path / "wire" / "b-case.json", document)
    if expected.startswith("refused"):
        out, _err = import_refusing(str(tmp_path / "wire"))
    else:
        out, _err = run("import_ninjs", str(tmp_path / "wire"))
    lines = item_lines(out, tmp_path / "wire")
    assert lines["a-good.json"] == "imported (en, created)"
    assert lines["b-case.json"].startswith(expected), lines["b-case.json"]


def test_a_rendition_size_that_is_no_number_is_a_warning(tmp_path):
    path = write_json(
        tmp_path / "item.json",
        edited(("associations", "featuremedia", "renditions", "original", "width"), "wide"),
    )
    out, _err = run("import_ninjs", str(path))
    assert (
        "associations.featuremedia.renditions[original].width ignored: “wide” is not a whole number"
        in out
    )


ENVELOPES = {
    "items that are no objects": (
        {"items": [1, "two", None]},
        {
            "items[0]": "refused: expected a ninjs object, found a number",
            "items[1]": "refused: expected a ninjs object, found a string",
            "items[2]": "refused: expected a ninjs object, found null",
        },
    ),
    "an API's error": (
        {"error": {"code": 401, "message": "Invalid API key"}},
        {"": "refused: the API answered with an error, not items: “Invalid API key”"},
    ),
    "data.items that is no list": (
        {"data": {"items": "none"}},
        {"": "refused: no “uri” (nor “guid”): the item has nothing to be known by"},
    ),
    "wrappers around junk": (
        {"data": {"items": [{"item": 5}, {"item": {"guid": "g"}}]}},
        {
            "data.items[0]": "refused: no “uri” (nor “guid”): the item has nothing to be known by",
            "data.items[1].item": (
                "refused: no “language”: give the document one, or run with --language L"
            ),
        },
    ),
}


@pytest.mark.parametrize("case", ENVELOPES, ids=list(ENVELOPES))
def test_broken_envelopes_refuse_their_items_one_by_one(case, tmp_path):
    envelope, expected = ENVELOPES[case]
    write_json(tmp_path / "wire" / "envelope.json", envelope)
    out, _err = import_refusing(str(tmp_path / "wire"))
    lines = item_lines(out, tmp_path / "wire")
    found = {
        where.removeprefix("envelope.json").removeprefix(", "): line
        for where, line in lines.items()
    }
    assert found.keys() == expected.keys()
    for where, start in expected.items():
        assert found[where].startswith(start), found[where]


def test_a_huge_envelope_is_read_to_its_limit_and_says_so(tmp_path):
    path = write_json(tmp_path / "feed.json", {"count": 12_000, "items": [0] * 12_000})
    out, err = import_refusing(str(path))
    assert "feed.json: the envelope holds 12,000 items; only the first 10,000 are read" in out
    assert err.count("expected a ninjs object") == 10_000
    assert "items[9999]" in err and "items[10000]" not in err


def test_an_envelope_beyond_the_size_limit_is_refused_before_parsing(tmp_path):
    body = "x" * 1000
    docs = [{**SUPERDESK, "guid": f"g{n}", "body_html": body} for n in range(9_000)]
    path = write_json(tmp_path / "feed.json", {"items": docs})
    _out, err = import_refusing(str(path))
    assert "feed.json: " in err and "MB is too big: at most 8 MB is read" in err
    assert Article.objects.count() == 0


def test_a_nesting_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.json"
    path.write_text('{"items": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _out, err = import_refusing(str(path))
    assert "bomb.json: malformed JSON: nested too deeply" in err


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE nitf ['
    '<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]><nitf><body><body.content><p>Before &lol9; after.</p></body.content></body></nitf>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">'
    '<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>'
    '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Copy &secret; &remote; copy.</p>'
    "</body></html>"
)


@pytest.mark.parametrize(
    ("content_type", "body", "kept"),
    [
        ("text/vnd.iptc.nitf", BILLION_LAUGHS, "<p>Before &amp;lol9; after.</p>"),
        ("application/xhtml+xml", EXTERNAL, "<p>Copy &amp;secret; &amp;remote; copy.</p>"),
        ("text/html", BILLION_LAUGHS.replace("<nitf><body><body.content>", ""), "Before"),
    ],
    ids=["entity bomb in NITF", "external entities in XHTML", "entity bomb without a body"],
)
def test_xml_entities_are_never_expanded_or_fetched(tmp_path, content_type, body, kept):
    doc = {
        "uri": "urn:test:xml",
        "type": "text",
        "language": "en",
        "headlines": [{"role": "main", "value": "XML body"}],
        "bodies": [{"contentType": content_type, "value": body}],
    }
    run("import_ninjs", str(write_json(tmp_path / "xml.json", doc)))
    stored = Article.objects.get().body_en
    assert kept in stored
    assert "lollol" not in stored and "root:" not in stored and "ENTITY" not in stored
    assert len(stored) < 200


def test_a_body_of_only_declarations_is_no_body(tmp_path):
    doc = {
        "uri": "urn:test:xml",
        "language": "en",
        "headline": "Declarations only",
        "body_nitf": '<!DOCTYPE nitf [<!ENTITY a "aaaa">]><nitf></nitf>',
    }
    _out, err = import_refusing(str(write_json(tmp_path / "xml.json", doc)))
    assert "xml.json: no body: “bodies” has no HTML or plain-text body with text in it" in err
