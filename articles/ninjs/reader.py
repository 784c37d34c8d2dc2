"""Reading ninjs documents from files, folders and standard input.

Knows nothing about articles: it turns bytes into JSON objects, each labelled
with where it came from ("wire/a.ndjson, line 3", "wire/b.json, index 2") so
that every later error can name its document. What cannot be read becomes a
`ReadProblem` with the same label, in input order, so a caller may refuse just
that document or stop the whole run.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

JSON_SUFFIXES = frozenset({".json"})
NDJSON_SUFFIXES = frozenset({".ndjson", ".jsonl"})
STDIN = "-"
BOM = b"\xef\xbb\xbf"
# A wire file is a few kilobytes; these bounds only keep a broken or hostile
# file from exhausting memory before it is refused.
MAX_FILE_BYTES = 256 * 1024 * 1024
# One document (an NDJSON line, or a file or input holding one object): a
# 1,000,000-character body (ninjs.MAX_BODY_CHARS) fits even with every
# character written as a \uXXXX escape. Checked before a byte of it is parsed.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One JSON object read from the input, and where it was found."""

    data: Any
    source: str
    position: str = ""
    # The folder relative picture hrefs are resolved against (never outside it).
    base_dir: Path | None = None

    @property
    def where(self) -> str:
        return f"{self.source}, {self.position}" if self.position else self.source


@dataclass(frozen=True)
class ReadProblem:
    """Input that is not a ninjs object: the document it would have been is refused."""

    source: str
    position: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.source}, {self.position}" if self.position else self.source


def read_paths(
    paths: Iterable[str], stdin: IO[bytes] | None = None, media_root: Path | None = None
) -> Iterator[Document | ReadProblem]:
    """Every document under `paths` (files, folders read recursively, "-" for stdin).

    A document from a file reads its pictures from that file's folder. One from
    standard input has no folder: it reads none, unless `media_root` names one
    (never the current directory, which may hold the project and its private media).
    """
    for raw in paths:
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            base_dir = media_root.resolve() if media_root is not None else None
            yield from _read_stream(stream, "<stdin>", base_dir)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _files_under(path):
                yield from read_file(file)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield ReadProblem(raw, "", _("no such file or folder"))


def _files_under(folder: Path) -> list[Path]:
    """Wire files in `folder` and below, in a stable order; hidden entries are skipped."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in JSON_SUFFIXES | NDJSON_SUFFIXES:
            found.append(path)
    return sorted(found)


def read_file(path: Path) -> Iterator[Document | ReadProblem]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in JSON_SUFFIXES | NDJSON_SUFFIXES:
        yield ReadProblem(source, "", _("unknown kind of file: expected .json, .ndjson or .jsonl"))
        return
    try:
        size = path.stat().st_size
        if suffix in JSON_SUFFIXES and size > MAX_FILE_BYTES:
            yield ReadProblem(source, "", _too_big(size, MAX_FILE_BYTES))
            return
        with path.open("rb") as stream:
            base_dir = path.parent.resolve()
            if suffix in NDJSON_SUFFIXES:
                yield from _read_lines(stream, source, base_dir)
            else:
                yield from _read_json(stream.read(), source, base_dir)
    except OSError as error:
        yield ReadProblem(source, "", _("cannot be read: %(reason)s") % {"reason": error.strerror})


def _read_stream(
    stream: IO[bytes], source: str, base_dir: Path | None
) -> Iterator[Document | ReadProblem]:
    """Standard input: one JSON value (object or array), or else NDJSON."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield ReadProblem(source, "", _too_big(len(data), MAX_FILE_BYTES))
        return
    if _looks_like_ndjson(data):
        yield from _read_lines(io.BytesIO(data), source, base_dir)
    else:
        yield from _read_json(data, source, base_dir)


def _looks_like_ndjson(data: bytes) -> bool:
    """True when the first non-blank line is a whole JSON object and more lines follow.

    A pretty-printed document never has a complete object on its first line, so
    a malformed one is still reported as one JSON error, not one per line.
    """
    filled = (line for line in io.BytesIO(data) if line.strip())
    first, second = next(filled, None), next(filled, None)
    if first is None or second is None:
        return False
    if len(first) > MAX_DOCUMENT_BYTES:
        # Too big to be read as a document: judged by its shape, then refused by size.
        first = first.strip()
        return first.startswith(b"{") and first.endswith(b"}")
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _read_json(data: bytes, source: str, base_dir: Path | None) -> Iterator[Document | ReadProblem]:
    # One document, not an array of them: the per-document limit holds.
    if len(data) > MAX_DOCUMENT_BYTES and data[:4096].removeprefix(BOM).lstrip().startswith(b"{"):
        yield ReadProblem(source, "", _too_big(len(data), MAX_DOCUMENT_BYTES))
        return
    text = _decode(data, source)
    if isinstance(text, ReadProblem):
        yield text
        return
    if not text.strip():
        yield ReadProblem(source, "", _("the file is empty: no ninjs documents in it"))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        yield ReadProblem(source, _position(error.lineno, error.colno), _json_error(error))
        return
    except RecursionError:
        yield ReadProblem(source, "", _too_deep())
        return
    if isinstance(value, list):
        if not value:
            yield ReadProblem(source, "", _("the array is empty: no ninjs documents in it"))
        for index, item in enumerate(value):
            position = _("index %(index)d") % {"index": index}
            yield _document(item, source, position, base_dir)
    else:
        yield _document(value, source, "", base_dir)


def _read_lines(
    stream: IO[bytes], source: str, base_dir: Path | None
) -> Iterator[Document | ReadProblem]:
    """NDJSON, one line at a time: a big feed is never held in memory whole.

    A line over the per-document limit is refused by its length, before it is
    parsed or even read whole.
    """
    anything = False
    for number, raw in enumerate(iter(lambda: stream.readline(MAX_DOCUMENT_BYTES + 1), b""), 1):
        if len(raw) > MAX_DOCUMENT_BYTES:
            anything = True
            size = len(raw)
            # Skip the rest of this overlong line, counting it for the message.
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_DOCUMENT_BYTES)
                size += len(raw)
            yield ReadProblem(source, _position(number), _too_big(size, MAX_DOCUMENT_BYTES))
            continue
        text = _decode(raw, source, number)
        if isinstance(text, ReadProblem):
            anything = True
            yield text
            continue
        if text.strip():
            anything = True
            yield _parse_line(text, number, source, base_dir)
    if not anything:
        yield ReadProblem(source, "", _("the file is empty: no ninjs documents in it"))


def _parse_line(
    line: str, number: int, source: str, base_dir: Path | None
) -> Document | ReadProblem:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadProblem(source, _position(number, error.colno), _json_error(error))
    except RecursionError:
        return ReadProblem(source, _position(number), _too_deep())
    return _document(value, source, _position(number), base_dir)


def _document(
    value: Any, source: str, position: str, base_dir: Path | None
) -> Document | ReadProblem:
    if not isinstance(value, dict):
        return ReadProblem(
            source,
            position,
            _("expected a ninjs object, found %(kind)s") % {"kind": json_kind(value)},
        )
    return Document(value, source, position, base_dir)


def _decode(data: bytes, source: str, line: int | None = None) -> str | ReadProblem:
    try:
        # utf-8-sig: a byte order mark, which some Windows tools write, is not content.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ReadProblem(
            source,
            _position(line) if line else "",
            _("not UTF-8 text (byte %(offset)d)") % {"offset": error.start},
        )


def _position(line: int, column: int | None = None) -> str:
    if column is None:
        return _("line %(line)d") % {"line": line}
    return _("line %(line)d, column %(column)d") % {"line": line, "column": column}


def _too_deep() -> str:
    return _("malformed JSON: nested too deeply")


def _json_error(error: json.JSONDecodeError) -> str:
    return _("malformed JSON: %(reason)s") % {"reason": error.msg}


def _too_big(size: int, limit: int) -> str:
    return _("%(size).1f MB is too big: at most %(limit)d MB is read") % {
        "size": size / 1024 / 1024,
        "limit": limit // 1024 // 1024,
    }


def json_kind(value: Any) -> str:
    """What a JSON value is, in words, for messages."""
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if value is None:
        return _("null")
    return _("something else")
