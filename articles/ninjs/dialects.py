"""The ninjs dialects that real wire systems send, brought to one shape before mapping.

`unwrap` takes the items out of the envelopes news APIs put around them (AP's
Media API: `data.item`, `data.items[].item`; Reuters Connect's GraphQL:
`data.item`, `data.search.items[]`; plain `{"items": […]}` feeds). `family`
names the dialect a document is written in, and `repair` rewrites what that
family does its own way into the names `articles.ninjs.mapping.normalize`
reads, listing what it had to change so the report can say so. Nothing here
decides whether a document is imported: the schema and the mapping still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

# A page of an API's results holds tens of items; this bounds the work of
# reading an envelope built to exhaust memory (the reader already bounds bytes).
MAX_ENVELOPE_ITEMS = 10_000
# Keys that only a news item has: a dict with one of them is an item, not an
# envelope (envelopes may say a `type` or `language` of their own).
_ITEM_KEYS = frozenset(
    "uri guid headline headlines headLine body_html body_text bodies bodyXhtml "
    "versioncreated versionCreated".split()
)
# What envelopes call the number of items they hold on this page. AP's
# `total_items` counts every page of a search, so it is not compared; nor is
# `count` in a paged envelope (this site's own API), where it is the total.
_COUNT_KEYS = ("current_item_count", "item_count", "itemCount", "count")
_PAGING_KEYS = frozenset({"pages", "next", "next_page", "total_pages", "pageInfo"})


@dataclass(frozen=True)
class Unwrapped:
    """One item taken out of its envelope; `path` says where it was ("" for the document)."""

    data: Any
    path: str = ""


def unwrap(data: Any) -> tuple[list[Unwrapped], list[str]]:
    """The items in `data` (itself when it is no envelope), and warnings about the envelope."""
    if not isinstance(data, dict) or _ITEM_KEYS & data.keys():
        return [Unwrapped(data)], []
    inner = data.get("data")
    if isinstance(inner, dict):
        if isinstance(inner.get("item"), dict):
            return [Unwrapped(inner["item"], "data.item")], []
        if isinstance(inner.get("items"), list):
            return _listed(inner["items"], "data.items", inner)
        search = inner.get("search")
        if isinstance(search, dict) and isinstance(search.get("items"), list):
            return _listed(search["items"], "data.search.items", search)
        if _ITEM_KEYS & inner.keys():
            return [Unwrapped(inner, "data")], []
    if isinstance(data.get("items"), list):
        return _listed(data["items"], "items", data)
    error = data.get("error") or data.get("errors")
    if error is not None and inner is None:
        return [Unwrapped(_ApiError(error))], []
    return [Unwrapped(data)], []


@dataclass(frozen=True)
class _ApiError:
    """An API's error response where items were expected; refused with its message."""

    detail: Any

    def message(self) -> str:
        detail = self.detail[0] if isinstance(self.detail, list) and self.detail else self.detail
        if isinstance(detail, dict):
            detail = detail.get("message") or detail.get("code") or ""
        text = " ".join(str(detail).split())[:200]
        return _("the API answered with an error, not items: “%(detail)s”") % {"detail": text}


def api_error(value: Any) -> str | None:
    """The refusal for an API's error response, or None when `value` is an item."""
    return value.message() if isinstance(value, _ApiError) else None


def _listed(
    entries: list, path: str, envelope: dict[str, Any]
) -> tuple[list[Unwrapped], list[str]]:
    warnings = []
    if len(entries) > MAX_ENVELOPE_ITEMS:
        warnings.append(
            _("the envelope holds %(count)s items; only the first %(limit)s are read")
            % {"count": f"{len(entries):,}", "limit": f"{MAX_ENVELOPE_ITEMS:,}"}
        )
        entries = entries[:MAX_ENVELOPE_ITEMS]
    items = []
    for index, entry in enumerate(entries):
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("item"), dict)
            and not _ITEM_KEYS & entry.keys()
        ):
            items.append(Unwrapped(entry["item"], f"{path}[{index}].item"))
        else:
            items.append(Unwrapped(entry, f"{path}[{index}]"))
    counts = [key for key in _COUNT_KEYS if key in envelope]
    if _PAGING_KEYS & envelope.keys():
        counts = [key for key in counts if key != "count"]
    said = envelope[counts[0]] if counts else None
    if isinstance(said, int) and not isinstance(said, bool) and said != len(entries):
        warnings.append(
            _("the envelope says it holds %(said)d items, but %(found)d are there: those are read")
            % {"said": said, "found": len(entries)}
        )
    if not entries:
        warnings.append(_("the envelope holds no items"))
    return items, warnings


# --- Families ------------------------------------------------------------------

REUTERS = "Reuters Connect"
WIRE_INGEST = "wire-ingest pipeline"
NINJS_3 = "ninjs 3.x"
NINJS_2 = "ninjs 2.x"
NINJS_1 = "ninjs 1.x"

_REUTERS_KEYS = frozenset({"headLine", "byLine", "bodyXhtml", "bodyXhtmlRich", "versionedGuid"})
# A newspaper's ingest store: agency copy flattened into one row per item.
_INGEST_KEYS = frozenset({"source-feed", "originalContentText", "firstVersion"})
_CAMEL = re.compile(r"^[a-z]+[A-Z]")


def family(data: dict[str, Any]) -> str:
    """The dialect `data` is written in: its declared standard first, else its names."""
    if _REUTERS_KEYS & data.keys():
        return REUTERS
    if _INGEST_KEYS & data.keys():
        return WIRE_INGEST
    for key in ("standard", "$standard"):
        declared = data.get(key)
        if isinstance(declared, dict) and isinstance(declared.get("version"), str):
            major = declared["version"].split(".")[0]
            if major in ("1", "2", "3"):
                return {"1": NINJS_1, "2": NINJS_2, "3": NINJS_3}[major]
    if any(_CAMEL.match(key) for key in data):
        return NINJS_3
    if "headlines" in data or "bodies" in data:
        return NINJS_2
    return NINJS_1


# --- Repairs -----------------------------------------------------------------------


def repair(data: dict[str, Any], kind: str) -> tuple[dict[str, Any], list[str]]:
    """`data` in names `normalize` reads, and what was changed to get there."""
    notes: list[str] = []
    doc = dict(data)
    if kind == REUTERS:
        doc = _from_reuters(doc)
    elif kind == WIRE_INGEST:
        doc = _from_ingest(doc)
    _identity(doc)
    _pub_status(doc)
    _byline_from_authors(doc)
    _extended_headline(doc)
    doc = _repair_media(doc, "", notes, depth=0)
    return doc, notes


def _rename(doc: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """`doc` with keys renamed; a name already there is not overwritten."""
    out = {}
    for key, value in doc.items():
        new = names.get(key, key)
        if new in out and new != key:
            continue
        out[new] = value
    return out


def _from_reuters(doc: dict[str, Any]) -> dict[str, Any]:
    """Reuters Connect: camelCase with its own capitals, and XHTML bodies in two richnesses."""
    bodies = [
        {"contentType": "application/xhtml+xml", "value": doc.pop(name)}
        for name in ("bodyXhtmlRich", "bodyXhtml")
        if isinstance(doc.get(name), str)
    ]
    doc = _rename(
        doc,
        {"headLine": "headline", "byLine": "byline", "slug": "slugline", "credit": "creditline"},
    )
    if bodies and "bodies" not in doc:
        doc["bodies"] = bodies
    intro = doc.pop("intro", None) or doc.pop("fragment", None)
    if isinstance(intro, str) and "descriptions" not in doc:
        doc["descriptions"] = [{"role": "summary", "value": intro}]
    if "copyrightHolder" not in doc and isinstance(doc.get("creditline"), str):
        doc["copyrightHolder"] = doc["creditline"]
    doc.pop("creditline", None)
    return doc


def _from_ingest(doc: dict[str, Any]) -> dict[str, Any]:
    """A newspaper's ingest store: status, firstVersion and abstract in its own names."""
    doc = _rename(doc, {"status": "pubstatus", "firstVersion": "firstcreated"})
    abstract = doc.pop("abstract", None)
    if isinstance(abstract, str) and not any(k.startswith("description") for k in doc):
        doc["description_text"] = abstract
    # The agency's original, kept for reference: body_text is the copy.
    doc.pop("originalContentText", None)
    if isinstance(doc.get("priority"), str):
        doc.pop("priority")
    return doc


def _identity(doc: dict[str, Any]) -> None:
    """1.x as Superdesk writes it: `guid` is the identity when there is no `uri`."""
    guid = doc.get("guid")
    if not doc.get("uri") and isinstance(guid, str) and guid.strip():
        doc["uri"] = guid.strip()


def _byline_from_authors(doc: dict[str, Any]) -> None:
    """Superdesk's `authors` ([{name, role…}]) or AP's `bylines` ([{by…}]) give a missing byline."""
    if any(key.lower() in ("by", "byline") and doc[key] for key in doc):
        return
    names = _names(doc.get("authors"), "name") or _names(doc.get("bylines"), "by")
    if names:
        for key in [key for key in doc if key.lower() in ("by", "byline")]:
            del doc[key]
        doc["byline"] = ", ".join(names)


def _names(people: Any, key: str) -> list[str]:
    if not isinstance(people, list):
        return []
    return [
        person[key].strip()
        for person in people[:20]
        if isinstance(person, dict) and isinstance(person.get(key), str) and person[key].strip()
    ]


def _pub_status(doc: dict[str, Any]) -> None:
    """NewsML-G2 habits: Reuters writes the status as a QCode, `stat:usable`."""
    for key in list(doc):
        value = doc[key]
        if key.lower() == "pubstatus" and isinstance(value, str) and value.startswith("stat:"):
            doc[key] = value.removeprefix("stat:")


def _extended_headline(doc: dict[str, Any]) -> None:
    """AP's `headline_extended` is a one-sentence summary: used when nothing else is one."""
    extended = doc.pop("headline_extended", None)
    if isinstance(extended, str) and not any(key.lower().startswith("description") for key in doc):
        doc["description_text"] = extended


def _drop_unusable(doc: dict[str, Any], where: str, notes: list[str]) -> None:
    """Fields the site does not use are never a reason to refuse copy: bad ones are dropped."""
    for key in list(doc):
        name = key.lower()
        value = doc[key]
        if name == "urgency" and not (
            isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9
        ):
            del doc[key]
            notes.append(_("%(field)s ignored: not a number from 1 to 9") % {"field": where + key})
        elif name == "version" and isinstance(value, float):
            doc[key] = str(int(value)) if value.is_integer() else str(value)
        elif name == "slugline" and value is not None and not isinstance(value, str):
            del doc[key]
            notes.append(_("%(field)s ignored: not text") % {"field": where + key})


_INT_FIELDS = frozenset({"width", "height", "sizeinbytes"})
# Superdesk names a story's main picture `featuremedia`; inline ones editor_0, editor_1…
_FIRST_ASSOCIATIONS = ("featuremedia", "featureimage", "main")


def _repair_media(doc: dict[str, Any], where: str, notes: list[str], depth: int) -> dict[str, Any]:
    """`doc` and its associations with unusable fields dropped and their renditions repaired."""
    _drop_unusable(doc, where, notes)
    for key in list(doc):
        if key.lower() == "renditions":
            doc[key] = _repair_renditions(doc[key], f"{where}{key}", notes)
        elif key.lower() == "associations":
            doc[key] = _repair_associations(doc[key], f"{where}{key}", notes, depth)
    if (doc.get("type") == "picture") and isinstance(doc.get("body_text"), str):
        # A Superdesk picture's body_text is its alternative text, not copy.
        alt = doc.pop("body_text")
        descriptions = doc.get("descriptions")
        if not isinstance(descriptions, list):
            descriptions = []
            if isinstance(doc.get("description_text"), str):
                descriptions.append({"role": "caption", "value": doc.pop("description_text")})
        doc["descriptions"] = [*descriptions, {"role": "alt", "value": alt}]
    return doc


def _repair_renditions(value: Any, where: str, notes: list[str]) -> Any:
    """Renditions (a map or a list) with sizes written as digit strings made numbers."""
    if not isinstance(value, dict | list):
        return value
    entries = value.items() if isinstance(value, dict) else enumerate(value)
    repaired: dict | list = {} if isinstance(value, dict) else []
    for name, rendition in entries:
        if isinstance(rendition, dict):
            rendition = dict(rendition)
            for field in list(rendition):
                if field.lower() in _INT_FIELDS and isinstance(rendition[field], str):
                    text = rendition[field].strip()
                    if text.isdigit() and len(text) < 10:
                        rendition[field] = int(text)
                    else:
                        del rendition[field]
                        notes.append(
                            _("%(field)s ignored: “%(value)s” is not a whole number")
                            % {"field": f"{where}[{name}].{field}", "value": text[:20]}
                        )
        if isinstance(repaired, dict):
            repaired[name] = rendition
        else:
            repaired.append(rendition)
    return repaired


def _repair_associations(value: Any, where: str, notes: list[str], depth: int) -> Any:
    if isinstance(value, dict):
        # Placeholders Superdesk leaves for removed pictures (null) are no association.
        kept = {name: item for name, item in value.items() if item is not None}
        first = [name for name in _FIRST_ASSOCIATIONS if name in kept]
        kept = {name: kept[name] for name in (*first, *(n for n in kept if n not in first))}
        if depth < 8:
            for name, item in kept.items():
                if isinstance(item, dict):
                    kept[name] = _repair_media(dict(item), f"{where}.{name}.", notes, depth + 1)
        return kept
    if isinstance(value, list):
        items = [item for item in value if item is not None]
        if depth < 8:
            items = [
                _repair_media(dict(item), f"{where}[{index}].", notes, depth + 1)
                if isinstance(item, dict)
                else item
                for index, item in enumerate(items)
            ]
        return items
    return value
