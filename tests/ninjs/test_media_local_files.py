"""Which local picture files a feed may make the importer read.

A document from a file reads pictures from that file's folder only. One read
from standard input has no folder: it may name no local file unless
`--media-root DIR` names one, and then only files inside it.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Photo
from tests.support.ninjs_support import picture_bytes, run, text_doc, write_json

pytestmark = pytest.mark.django_db


def with_picture(href: str, uri: str = "urn:test:story") -> dict:
    return text_doc(
        uri=uri,
        associations=[
            {
                "uri": "urn:test:picture",
                "type": "picture",
                "by": "Agency Photographer",
                "renditions": [{"name": "big", "href": href}],
            }
        ],
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The current directory holds a project with private media, as on the server."""
    root = tmp_path / "project"
    (root / "private_media").mkdir(parents=True)
    (root / "private_media" / "secret.jpg").write_bytes(picture_bytes((90, 60)))
    monkeypatch.chdir(root)
    return root


def piped(monkeypatch, *documents: dict) -> None:
    lines = "\n".join(json.dumps(document) for document in documents) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))


def refused(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_ninjs", *args, stdout=out, stderr=err)
    assert not Article.objects.exists() and not Photo.objects.exists()
    return err.getvalue()


@pytest.mark.parametrize(
    "href",
    ["private_media/secret.jpg", "./private_media/secret.jpg", "file:private_media/secret.jpg"],
)
def test_standard_input_reads_no_file_of_the_current_directory(project, monkeypatch, href):
    piped(monkeypatch, with_picture(href), text_doc(uri="urn:test:other"))
    err = refused("-")
    assert "<stdin>, line 1: rendition href" in err
    assert "has no folder to read it from: give one with --media-root DIR" in err


def test_media_root_gives_standard_input_a_folder(project, tmp_path, monkeypatch):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "pic.jpg").write_bytes(picture_bytes((120, 80)))
    piped(monkeypatch, with_picture("pic.jpg"), text_doc(uri="urn:test:other"))
    run("import_ninjs", "-", "--media-root", str(incoming))
    assert Article.objects.get(uri="urn:test:story").photo.width == 120


@pytest.mark.parametrize(
    "href",
    [
        "../project/private_media/secret.jpg",
        "{project}/private_media/secret.jpg",
        "file://{project}/private_media/secret.jpg",
        "link/secret.jpg",  # a symbolic link inside the folder, to private media
        "link-to-file.jpg",
    ],
)
def test_with_media_root_nothing_outside_it_is_read(project, tmp_path, monkeypatch, href):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    os.symlink(project / "private_media", incoming / "link")
    os.symlink(project / "private_media" / "secret.jpg", incoming / "link-to-file.jpg")
    piped(monkeypatch, with_picture(href.format(project=project)), text_doc(uri="urn:test:b"))
    err = refused("-", "--media-root", str(incoming))
    assert "points outside the folder of its JSON file" in err


def test_media_root_must_be_a_folder(project, monkeypatch):
    piped(monkeypatch, text_doc())
    with pytest.raises(CommandError, match="--media-root nowhere is not a folder"):
        run("import_ninjs", "-", "--media-root", "nowhere")


@pytest.mark.parametrize(
    "href",
    [
        "../private_media/secret.jpg",
        "{project}/private_media/secret.jpg",
        "file://{project}/private_media/secret.jpg",
        "file://fileserver.example/share/secret.jpg",  # another host
        "link/secret.jpg",
        "pictures/%2e%2e/%2e%2e/private_media/secret.jpg",
        "pictures/\x00.jpg",
    ],
)
def test_a_file_reads_pictures_from_its_own_folder_only(project, href):
    wire = project / "wire"
    (wire / "pictures").mkdir(parents=True)
    os.symlink(project / "private_media", wire / "link")
    path = write_json(wire / "feed.json", with_picture(href.format(project=project)))
    err = refused(str(path))
    assert "feed.json: rendition href" in err
    assert "points outside the folder" in err or "on another host are not read" in err
