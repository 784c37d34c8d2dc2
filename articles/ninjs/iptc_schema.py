"""The IPTC's own ninjs schemas, which `import_ninjs --strict` holds each document to.

The IPTC publishes them (ninjs-schema_1.6.json, _2.2.json, _3.1.json…) and the
project does not copy them: the NINJS_SCHEMA_DIR setting names a folder that
holds them. A document is checked as sent, against the schema of the version
it declares (`declared_version`). Only files that the folder's own listing
names `ninjs-schema_<major>.<minor>.json` are read, so no version a document
declares can lead anywhere else; references out of a schema (GeoJSON, for a
place's geometry) are never fetched.

The messages are lines of the command's report, which speaks English; like
the command's own words they are not translated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for
from referencing import Registry, Resource

from articles.ninjs.dialects import NINJS_2, NINJS_3, family
from articles.ninjs.mapping import NinjsError
from articles.ninjs.reader import json_kind
from articles.ninjs.schema import describe, first_error

SETTING = "NINJS_SCHEMA_DIR"
KNOWN_MAJORS = (1, 2, 3)
SCHEMA_FILE = re.compile(r"ninjs-schema_([0-9]{1,3})\.([0-9]{1,3})\.json")
# "3", "3.1", "2.0.1": a declared version is read only when it has this shape.
VERSION = re.compile(r"([0-9]{1,3})(?:\.([0-9]{1,3}))?(?:\.[0-9]{1,3})?")
# The IPTC's schemas are some 100 kB; this only keeps a wrong file from filling memory.
MAX_SCHEMA_BYTES = 4 * 1024 * 1024
# Real documents nest some ten levels (associations, renditions, their lists).
# The validator recurses a few frames per level: far deeper, it would run out of stack.
MAX_DEPTH = 64
# The ninjs version whose names a document without a declaration uses.
UNDECLARED_MAJOR = {NINJS_3: 3, NINJS_2: 2}
# 1.x put the declaration under `$standard`; 3.x renamed it `standard`.
DECLARATIONS = ("standard", "$standard")


class SchemaUnavailable(Exception):
    """--strict cannot check anything: the setting, or the schema a document needs, is missing."""


@dataclass(frozen=True)
class Declared:
    """The ninjs version a document declares: 1.x when it declares none."""

    major: int
    minor: int | None = None

    @property
    def label(self) -> str:
        return f"{self.major}.{self.minor}" if self.minor is not None else f"{self.major}.x"


def declared_version(data: dict[str, Any]) -> Declared:
    """The version `data` declares in `standard`/`$standard`; NinjsError when it is no version.

    A document that declares none is held to the schema its names belong to,
    by the rule that tells the dialects apart (`dialects.family`): camelCase
    names (`versionCreated`) are ninjs 3.x, lowercase `headlines`/`bodies` 2.x,
    and the rest 1.x, which (before 1.3) had no declaration at all.
    """
    found: dict[str, Declared] = {}
    for key in DECLARATIONS:
        if key in data:
            found[key] = _read_declaration(key, data[key])
    if len(set(found.values())) > 1:
        said = ", ".join(f"{key} {version.label}" for key, version in found.items())
        raise NinjsError(f"declares two different ninjs versions ({said})")
    return next(iter(found.values()), Declared(UNDECLARED_MAJOR.get(family(data), 1)))


def _read_declaration(key: str, value: Any) -> Declared:
    if not isinstance(value, dict):
        raise NinjsError(
            f"{key}: {json_kind(value)}, where an object naming the ninjs version "
            f'is expected ({{"name": "ninjs", "version": "3.1"}})'
        )
    version = value.get("version")
    if version is None:
        raise NinjsError(f"{key}.version is missing: the document names no ninjs version")
    if not isinstance(version, str):
        raise NinjsError(
            f'{key}.version: {json_kind(version)}, where text such as "3.1" is expected'
        )
    shape = VERSION.fullmatch(version.strip()) if len(version) <= 20 else None
    if shape is None:
        shown = " ".join(version.split())[:40]
        raise NinjsError(f'{key}.version "{shown}" is not a ninjs version (such as "3.1")')
    major, minor = int(shape[1]), int(shape[2]) if shape[2] is not None else None
    if major not in KNOWN_MAJORS:
        raise NinjsError(
            f"{key}.version {version.strip()}: --strict knows ninjs 1.x, 2.x and 3.x only"
        )
    return Declared(major, minor)


@dataclass
class IptcSchemas:
    """The schema files in one folder, each read and compiled the first time it is needed."""

    folder: Path
    files: dict[tuple[int, int], Path]
    compiled: dict[Path, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls) -> IptcSchemas:
        """The folder NINJS_SCHEMA_DIR names; SchemaUnavailable when it is unset or no folder."""
        raw = getattr(settings, SETTING, "") or ""
        if not str(raw).strip():
            raise SchemaUnavailable(
                f"--strict checks each document against the IPTC's ninjs schema of its "
                f"version, but {SETTING} is not set: set it to the folder holding the "
                f"IPTC's schema files (ninjs-schema_1.6.json, ninjs-schema_2.2.json, "
                f"ninjs-schema_3.1.json)"
            )
        folder = Path(raw)
        if not folder.is_dir():
            raise SchemaUnavailable(f"{SETTING} {folder} is not a folder")
        files = {}
        for path in sorted(folder.iterdir()):
            named = SCHEMA_FILE.fullmatch(path.name)
            if named and path.is_file():
                files[int(named[1]), int(named[2])] = path
        return cls(folder, files)

    def validate(self, data: dict[str, Any]) -> None:
        """NinjsError naming the first rule `data`, as sent, breaks in its version's schema."""
        declared = declared_version(data)
        path = self.file_for(declared)
        if _deeper_than(data, MAX_DEPTH):
            raise NinjsError(
                f"nested more than {MAX_DEPTH} levels deep: too deep to be checked against "
                f"the schema"
            )
        error = first_error(self.validator(path).iter_errors(data))
        if error is None:
            return
        checked = path.name.removeprefix("ninjs-schema_").removesuffix(".json")
        if not data.keys() & set(DECLARATIONS):
            said = f" (it declares no version; its names are ninjs {declared.label}'s)"
        elif declared.minor is None or checked != declared.label:
            said = f" (it declares {declared.label}: the folder's newest {declared.major}.x schema)"
        else:
            said = ""
        raise NinjsError(f"not valid ninjs {checked}{said}: {describe(error)}")

    def file_for(self, declared: Declared) -> Path:
        """The declared version's file, else the newest of its major version in the folder."""
        if (declared.major, declared.minor) in self.files:
            return self.files[declared.major, declared.minor]
        same_major = sorted(key for key in self.files if key[0] == declared.major)
        if same_major:
            return self.files[same_major[-1]]
        wanted = (
            f"ninjs-schema_{declared.label}.json or another " if declared.minor is not None else ""
        ) + f"ninjs-schema_{declared.major}.*.json"
        raise SchemaUnavailable(
            f"{SETTING} {self.folder} has no schema for ninjs {declared.label}: looked for {wanted}"
        )

    def validator(self, path: Path) -> Any:
        if path not in self.compiled:
            self.compiled[path] = _compile(path)
        return self.compiled[path]


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays in `value` nest more than `limit` levels (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _compile(path: Path) -> Any:
    """A validator of the draft the file declares in `$schema`; SchemaUnavailable if it is none."""
    try:
        if path.stat().st_size > MAX_SCHEMA_BYTES:
            raise SchemaUnavailable(f"{SETTING}: {path} is too big to be a ninjs schema")
        schema = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError) as error:
        raise SchemaUnavailable(f"{SETTING}: {path} cannot be read as JSON: {error}") from None
    kind = validator_for(schema, default=None) if isinstance(schema, dict) else None
    if kind is None:
        raise SchemaUnavailable(
            f"{SETTING}: {path} is no JSON Schema of a draft this importer knows "
            f"($schema: {str(schema.get('$schema') if isinstance(schema, dict) else None)[:80]})"
        )
    try:
        kind.check_schema(schema)
    except SchemaError as error:
        raise SchemaUnavailable(
            f"{SETTING}: {path} is not a valid JSON Schema: {error.message[:200]}"
        ) from None
    dialect = schema["$schema"]

    def offline(uri: str) -> Resource:
        # Never fetched: a schema outside the file (GeoJSON's) accepts what it would check.
        return Resource.from_contents({"$schema": dialect})

    return kind(schema, registry=Registry(retrieve=offline))
