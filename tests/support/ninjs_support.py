"""Shared helpers for the ninjs tests: fixtures on disk, the IPTC schema, snapshots."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from articles.models import Article, Photo, Rendition, Section

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ninjs"
# ../shared/ninjs beside the repository (CI clones elsewhere with a copy of shared/ beside it).
SHARED = Path(__file__).resolve().parents[3] / "shared" / "ninjs"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"IPTC ninjs reference data not found at {SHARED} (a clone without ../shared/)",
)


def picture_bytes(size=(64, 48), kind="JPEG", color=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, kind)
    return out.getvalue()


def wire_folder(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/ninjs with the pictures its documents point at."""
    folder = tmp_path / "wire"
    # The wire systems' dialects have a suite of their own (tests/ninjs/test_dialects.py).
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("dialects"))
    pictures = folder / "desk" / "pictures"
    pictures.mkdir()
    (pictures / "harbour-bridge-large.jpg").write_bytes(picture_bytes((1600, 1000)))
    (pictures / "harbour-bridge-small.jpg").write_bytes(picture_bytes((320, 200)))
    (pictures / "logo.png").write_bytes(picture_bytes((40, 40), "PNG"))
    (pictures / "museum.png").write_bytes(picture_bytes((800, 600), "PNG", (200, 160, 40)))
    return folder


def write_json(path: Path, value) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def text_doc(uri="urn:test:story", language="en", **extra) -> dict:
    """A minimal valid ninjs 3.x text document."""
    return {
        "uri": uri,
        "type": "text",
        "language": language,
        "version": "1",
        "versionCreated": "2026-01-05T10:00:00Z",
        "headlines": [{"role": "main", "value": f"Headline of {uri} in {language}"}],
        "bodies": [{"contentType": "text/html", "value": f"<p>Body of {uri} in {language}</p>"}],
        **extra,
    }


def run(command: str, *args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def totals(out: str) -> tuple[int, ...]:
    """(created, updated, skipped, failed) from the summary's total line."""
    line = next(line for line in out.splitlines() if line.startswith("total"))
    return tuple(int(n) for n in line.split()[1:])


def files_under(root: Path) -> set[Path]:
    return {p for p in Path(root).rglob("*") if p.is_file()} if Path(root).exists() else set()


def snapshot() -> dict[str, list]:
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "photos": list(Photo.objects.order_by("pk").values()),
        "renditions": list(Rendition.objects.order_by("pk").values()),
        "sections": list(Section.objects.order_by("pk").values()),
    }


def ninjs_31_validator():
    """The IPTC's ninjs 3.1 schema, with its one remote reference (GeoJSON) kept offline."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schema = json.loads((SHARED / "schema" / "ninjs-schema_3.1.json").read_text())

    def offline(uri: str) -> Resource:
        # GeoJSON geometry is only used by places, which exports never contain.
        return Resource.from_contents({"$schema": "https://json-schema.org/draft/2020-12/schema"})

    return Draft202012Validator(schema, registry=Registry(retrieve=offline))


def assert_valid_ninjs_31(document: dict) -> None:
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message}"
        for e in ninjs_31_validator().iter_errors(document)
    ]
    assert not errors, errors


def import_refusing(*args: str) -> tuple[str, str]:
    """Run import_ninjs with --skip-invalid where items are refused: (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_ninjs", *args, "--skip-invalid", stdout=out, stderr=err)
    assert raised.value.returncode == 1
    return out.getvalue(), err.getvalue()


def item_lines(out: str, folder: Path) -> dict[str, str]:
    """The report's one line per item, keyed by where the item was, relative to `folder`."""
    prefix = f"  {folder}/"
    lines = {}
    for line in out.splitlines():
        if line.startswith(prefix) and line.count(": ") >= 1:
            where, _sep, outcome = line[len(prefix) :].partition(": ")
            if outcome.startswith(("imported (", "skipped: ", "refused: ", "would be")):
                lines[where] = outcome
    return lines


def table_rows(markup: str) -> list[tuple[str, list[str]]]:
    """Every table row in `markup`: ("th" or "td", the texts of its cells)."""
    page = BeautifulSoup(markup, "html.parser")
    return [
        (row.find(["th", "td"]).name, [cell.get_text() for cell in row.find_all(["th", "td"])])
        for row in page.find_all("tr")
    ]
