"""Bad input: a clear message naming file and place, and nothing written (rows or files)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.support.factories import ArticleFactory
from tests.support.ninjs_support import files_under, picture_bytes, snapshot, text_doc, write_json

pytestmark = pytest.mark.django_db


def picture_doc(href: str, uri="urn:test:story") -> dict:
    return text_doc(
        uri=uri,
        associations=[
            {
                "name": "mainpic",
                "uri": f"{uri}:pic",
                "type": "picture",
                "by": "A. Photographer",
                "renditions": [{"name": "highres", "href": href}],
            }
        ],
    )


def refused(*args) -> str:
    """Run the import expecting a refusal; return what it printed on stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_ninjs", *args, stdout=io.StringIO(), stderr=err)
    assert "Nothing was imported" in str(raised.value)
    return err.getvalue()


@pytest.fixture
def untouched(media_root, tmp_path):
    """The database and media as they were before; checked again after the test."""
    existing = ArticleFactory(languages=("en",))
    before, files = snapshot(), files_under(media_root)
    yield existing
    assert snapshot() == before
    assert files_under(media_root) == files


# Each case: a folder holding one good document and one bad one, the bad one's
# file name, and what the message must say. The good one must not be written.
BAD_INPUT = {
    "malformed JSON": (
        "broken.json",
        '{"uri": "urn:test:x", "headlines": [}',
        "broken.json, line 1, column 37: malformed JSON: Expecting value",
    ),
    "schema violation": (
        "schema.json",
        json.dumps(text_doc(uri="urn:test:x", headlines=[{"value": 42}])),
        "schema.json: headlines[0].value: 42 is not of type 'string'",
    ),
    "unknown pubStatus": (
        "status.json",
        json.dumps(text_doc(uri="urn:test:x", pubStatus="deleted")),
        "status.json: pubStatus: 'deleted' is not one of",
    ),
    "no uri": (
        "nouri.json",
        json.dumps({k: v for k, v in text_doc().items() if k != "uri"}),
        "nouri.json: no “uri” (nor “guid”): the item has nothing to be known by",
    ),
    "unsupported language": (
        "swedish.json",
        json.dumps(text_doc(uri="urn:test:x", language="sv")),
        "swedish.json: language “sv” is not one of the site's languages (zh-hans, ru, en",
    ),
    "Traditional Chinese": (
        "hant.json",
        json.dumps(text_doc(uri="urn:test:x", language="zh-Hant")),
        "hant.json: language “zh-Hant” is not one of the site's languages",
    ),
    "bad date": (
        "date.json",
        json.dumps(text_doc(uri="urn:test:x", firstCreated="yesterday")),
        "date.json: firstCreated: “yesterday” is not a date and time",
    ),
    "empty file": ("empty.json", "", "empty.json: the file is empty"),
    "empty NDJSON file": ("empty.ndjson", "\n\n", "empty.ndjson: the file is empty"),
    "not an object": ("list.json", "[1]", "list.json, index 0: expected a ninjs object"),
    "2 MB body": (
        "huge.json",
        json.dumps(text_doc(uri="urn:test:x", bodies=[{"value": "x" * 2 * 1024 * 1024}])),
        "huge.json: a body is 2,097,152 characters long; at most 1,000,000 are accepted",
    ),
    "50 MB document": (
        "huge.json",
        json.dumps(text_doc(uri="urn:test:x", bodies=[{"value": "x" * 50 * 1024 * 1024}])),
        "huge.json: 50.0 MB is too big: at most 8 MB is read",
    ),
    "no headline": (
        "nohead.json",
        json.dumps({**text_doc(uri="urn:test:x"), "headlines": []}),
        "nohead.json: no headline",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_is_refused_with_file_and_reason_and_nothing_is_written(
    case, tmp_path, untouched
):
    name, content, message = BAD_INPUT[case]
    write_json(tmp_path / "wire/0-good.json", text_doc(uri="urn:test:good"))
    (tmp_path / "wire" / name).write_text(content, encoding="utf-8")
    err = refused(str(tmp_path / "wire"))
    assert message in err


def test_a_bad_ndjson_line_is_named_by_its_number(tmp_path, untouched):
    lines = [json.dumps(text_doc(uri="urn:test:a")), "{not json", json.dumps(text_doc())]
    (tmp_path / "feed.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(str(tmp_path / "feed.ndjson"))
    assert "feed.ndjson, line 2, column 2: malformed JSON" in err


def test_an_array_item_is_named_by_its_index(tmp_path, untouched):
    items = [text_doc(uri="urn:test:a"), text_doc(uri="urn:test:b", language="nb-NO")]
    err = refused(str(write_json(tmp_path / "batch.json", items)))
    assert "batch.json, index 1: language “nb-NO” is not one of the site's languages" in err


def test_same_uri_and_language_with_different_content_in_one_run(tmp_path, untouched):
    first = text_doc()
    second = text_doc()
    second["bodies"] = [{"value": "<p>Another text</p>"}]
    write_json(tmp_path / "wire/a.json", first)
    write_json(tmp_path / "wire/b.json", second)
    err = refused(str(tmp_path / "wire"))
    assert "b.json: same uri and language (en) as" in err
    assert "a.json, but different content" in err


def test_the_same_document_twice_in_one_run_is_read_once(tmp_path):
    write_json(tmp_path / "wire/a.json", text_doc())
    write_json(tmp_path / "wire/copy.json", text_doc())
    call_command("import_ninjs", str(tmp_path / "wire"), stdout=io.StringIO())
    assert Article.objects.count() == 1


def test_a_rendition_escaping_the_folder_is_refused(tmp_path, untouched):
    (tmp_path / "secret.jpg").write_bytes(picture_bytes())
    write_json(tmp_path / "wire/good.json", text_doc(uri="urn:test:good"))
    write_json(tmp_path / "wire/evil.json", picture_doc("../../etc/passwd"))
    err = refused(str(tmp_path / "wire"))
    assert "evil.json: rendition href “../../etc/passwd” points outside the folder" in err
    # A real picture outside the folder is refused all the same.
    write_json(tmp_path / "wire/evil.json", picture_doc("../secret.jpg"))
    assert "points outside the folder" in refused(str(tmp_path / "wire"))
    write_json(tmp_path / "wire/evil.json", picture_doc((tmp_path / "secret.jpg").as_uri()))
    assert "points outside the folder" in refused(str(tmp_path / "wire"))


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path, untouched):
    (tmp_path / "secret.jpg").write_bytes(picture_bytes())
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire/link.jpg").symlink_to(tmp_path / "secret.jpg")
    write_json(tmp_path / "wire/evil.json", picture_doc("link.jpg"))
    assert "points outside the folder" in refused(str(tmp_path / "wire"))


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"root:x:0:0:root:/root:/bin/bash\n", "not a JPEG, PNG, WebP or AVIF image"),
        (b"GIF89a" + b"\x00" * 20, "not a JPEG, PNG, WebP or AVIF image"),
        (picture_bytes(kind="GIF"), "not a JPEG, PNG, WebP or AVIF image"),
        (picture_bytes(kind="BMP"), "not a JPEG, PNG, WebP or AVIF image"),
        (picture_bytes()[:200], "damaged"),
    ],
    ids=["text", "fake GIF header", "GIF", "BMP", "truncated JPEG"],
)
def test_a_picture_that_is_not_an_acceptable_image_is_refused(content, reason, tmp_path, untouched):
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire/picture.jpg").write_bytes(content)
    write_json(tmp_path / "wire/good.json", text_doc(uri="urn:test:good"))
    write_json(tmp_path / "wire/story.json", picture_doc("picture.jpg"))
    err = refused(str(tmp_path / "wire"))
    assert "story.json: picture file" in err and reason in err


def test_a_decompression_bomb_is_refused(tmp_path, untouched, settings):
    settings.PHOTO_MAX_PIXELS = 1000
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire/picture.png").write_bytes(picture_bytes((100, 100), "PNG"))
    write_json(tmp_path / "wire/story.json", picture_doc("picture.png"))
    assert "more than 0.001 megapixels" in refused(str(tmp_path / "wire"))


def test_a_failure_while_writing_removes_the_files_already_written(
    tmp_path, untouched, monkeypatch
):
    """Pictures stored for earlier articles go when a later article fails to save."""
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire/picture.jpg").write_bytes(picture_bytes((800, 500)))
    write_json(tmp_path / "wire/a.json", picture_doc("picture.jpg", uri="urn:test:a"))
    write_json(tmp_path / "wire/b.json", text_doc(uri="urn:test:b"))
    original = Article.full_clean

    def fail_for_b(self, *args, **kwargs):
        if self.uri == "urn:test:b":
            from django.core.exceptions import ValidationError

            raise ValidationError({"title": ["simulated failure"]})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Article, "full_clean", fail_for_b)
    err = refused(str(tmp_path / "wire"))
    assert "b.json: title: simulated failure" in err


def test_skip_invalid_keeps_the_valid_and_leaves_no_files_of_the_refused(
    tmp_path, media_root, monkeypatch
):
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire/picture.jpg").write_bytes(picture_bytes((800, 500)))
    write_json(tmp_path / "wire/a.json", picture_doc("picture.jpg", uri="urn:test:a"))
    write_json(tmp_path / "wire/b.json", text_doc(uri="urn:test:b"))
    original = Article.full_clean

    def fail_for_a(self, *args, **kwargs):
        if self.uri == "urn:test:a":
            from django.core.exceptions import ValidationError

            raise ValidationError({"title": ["simulated failure"]})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Article, "full_clean", fail_for_a)
    with pytest.raises(CommandError):
        call_command(
            "import_ninjs",
            str(tmp_path / "wire"),
            "--skip-invalid",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert list(Article.objects.values_list("uri", flat=True)) == ["urn:test:b"]
    assert files_under(media_root) == set()


def test_unknown_paths_and_file_kinds_are_refused(tmp_path, untouched):
    assert "no such file or folder" in refused(str(tmp_path / "missing.json"))
    (tmp_path / "notes.txt").write_text("hello")
    assert "unknown kind of file" in refused(str(tmp_path / "notes.txt"))


def test_an_unsupported_language_option_is_an_error():
    with pytest.raises(CommandError, match="--language sv is not one of the site's languages"):
        call_command("import_ninjs", "x.json", "--language", "sv", stdout=io.StringIO())
