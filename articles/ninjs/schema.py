"""What the importer accepts: the parts of ninjs it reads, as a JSON Schema.

Written for this project, not the IPTC's schema: it checks the normalized form
(ninjs 3.x property names, see `articles.ninjs.mapping.normalize`) of documents that
may have arrived as 3.x, 2.x or 1.x, and only the properties the importer
uses. Properties it does not read are let through: agencies add their own,
and refusing copy over a field the site ignores would help nobody. The IPTC's
own schemas are what `--strict` holds documents to as sent
(`articles.ninjs.iptc_schema`), and the 3.1 one what tests check the *export* against.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_TEXT_ITEMS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["value"],
        "properties": {
            "role": {"type": "string"},
            "contentType": {"type": "string"},
            "value": {"type": "string"},
        },
    },
}

_RENDITIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "href": {"type": "string"},
            "contentType": {"type": "string"},
            "width": {"type": "integer", "minimum": 0},
            "height": {"type": "integer", "minimum": 0},
            "sizeInBytes": {"type": "integer", "minimum": 0},
        },
    },
}

NINJS_ACCEPTED: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "object": {
            "type": "object",
            "properties": {
                "uri": {"type": "string", "minLength": 1},
                "type": {"type": "string"},
                "language": {"type": "string"},
                # Some feeds send the version as a number; it is kept as text.
                "version": {"type": ["string", "integer"]},
                "versionCreated": {"type": "string"},
                "firstCreated": {"type": "string"},
                "contentCreated": {"type": "string"},
                "embargoedUntil": {"type": "string"},
                "pubStatus": {"enum": ["usable", "withheld", "canceled"]},
                "urgency": {"type": "integer", "minimum": 1, "maximum": 9},
                "by": {"type": "string"},
                "copyrightHolder": {"type": "string"},
                "copyrightNotice": {"type": "string"},
                "slugline": {"type": "string"},
                "title": {"type": "string"},
                "headlines": _TEXT_ITEMS,
                "descriptions": _TEXT_ITEMS,
                "bodies": _TEXT_ITEMS,
                "renditions": _RENDITIONS,
                "associations": {"type": "array", "items": {"$ref": "#/$defs/object"}},
            },
        }
    },
    "$ref": "#/$defs/object",
    "required": ["uri"],
}

validator = Draft202012Validator(NINJS_ACCEPTED)


def first_error(errors: Iterable[ValidationError]) -> ValidationError | None:
    """The error a refusal names: the one nearest the top, a missing property before others."""
    return min(
        errors,
        key=lambda error: (tuple(map(str, error.path)), error.validator != "required"),
        default=None,
    )


def describe(error: ValidationError) -> str:
    """`error` as a report says it: where in the document, and what rule it breaks."""
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path)
    # The message quotes the offending value, which may be megabytes long.
    message = error.message if len(error.message) <= 300 else error.message[:299] + "…"
    if error.validator == "required":
        return _("%(where)s %(message)s") % {
            "where": path.lstrip(".") or _("the document"),
            "message": message,
        }
    return _("%(path)s: %(message)s") % {"path": path.lstrip(".") or "/", "message": message}
