"""What the importer accepts: the parts of ninjs it reads, as a JSON Schema.

Written for this project, not the IPTC's schema: it checks the normalized form
(ninjs 3.x property names, see `articles.ninjs.mapping.normalize`) of documents that
may have arrived as 3.x, 2.x or 1.x, and only the properties the importer
uses. Properties it does not read are let through: agencies add their own,
and refusing copy over a field the site ignores would help nobody. The IPTC's
3.1 schema (in ../shared/ninjs/) is what tests check the *export* against.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

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
