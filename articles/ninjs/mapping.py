"""Reading IPTC ninjs documents into the newsroom's language versions.

`normalize` gives a document of any ninjs generation (3.x camelCase, 2.x
lowercase, 1.x flat `headline`/`body_html`/keyed objects) the 3.x property
names; `check` validates it (`articles.ninjs.schema`); `read_wire_text` turns
it into a `WireText`, plain data the importer writes. Nothing here touches the
database or the disk.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from articles.domain.html import sanitize_html
from articles.domain.languages import LANGUAGE_CODES, match_language
from articles.ninjs.schema import describe, first_error, validator

if TYPE_CHECKING:
    from collections.abc import Callable


# Bodies are news copy: a long feature is some 100 kB. Anything far beyond is
# a broken or hostile feed, refused before it reaches the sanitizer.
MAX_BODY_CHARS = 1_000_000
# The other texts the importer reads, by length before any markup is removed:
# a headline or a byline is a line, a description a few paragraphs. These
# bound the work of reading them whatever they hold.
MAX_LINE_CHARS = 10_000
MAX_TEXT_CHARS = 100_000
# BCP 47 tags are short (RFC 5646 asks for 35 characters to be handled); a
# longer one is refused before `match_language` splits it.
MAX_TAG_CHARS = 100
_LIMITS = {
    "uri": MAX_LINE_CHARS,
    "title": MAX_LINE_CHARS,
    "by": MAX_LINE_CHARS,
    "slugline": MAX_LINE_CHARS,
    "name": MAX_LINE_CHARS,
    "language": MAX_TAG_CHARS,
    "copyrightHolder": MAX_LINE_CHARS,
    "copyrightNotice": MAX_TEXT_CHARS,
}
_ITEM_LIMITS = {
    ("headlines", "value"): MAX_LINE_CHARS,
    ("descriptions", "value"): MAX_TEXT_CHARS,
    ("renditions", "href"): MAX_LINE_CHARS,
}
# Associations hold pictures, which hold nothing the importer reads.
MAX_NESTING = 4
ARTICLE_TYPES = frozenset({"text", "composite"})
PICTURE_TYPES = frozenset({"picture", "graphic"})
# Other names wire systems give a text item.
TYPE_SYNONYMS = {"story": "text", "article": "text"}


class NinjsError(ValueError):
    """A document the importer refuses; the message says what is wrong."""


# --- Property names ------------------------------------------------------------

_NAMES = (
    "uri type language version versionCreated firstCreated contentCreated embargoedUntil "
    "pubStatus urgency by copyrightHolder copyrightNotice slugline title headlines "
    "descriptions bodies renditions associations eventDetails plannedCoverage name rel "
    "role contentType value href width height sizeInBytes representationType standard"
).split()
# 2.x spells every name in lower case; 1.x also had a few other names.
_CANONICAL = {name.lower(): name for name in _NAMES} | {
    "embargoed": "embargoedUntil",
    "byline": "by",
    "mimetype": "contentType",
    "mime_type": "contentType",
}
_TEXT_LISTS = ("headlines", "descriptions", "bodies")
# 1.x names its bodies and descriptions by format: body_html, description_text.
_FLAT_TEXT = re.compile(r"^(body|description)_([a-z0-9_]+)$", re.IGNORECASE)


def normalize(data: dict[str, Any], *, depth: int = 0) -> dict[str, Any]:
    """`data` with ninjs 3.x property names, whichever generation it was written in."""
    if depth > MAX_NESTING:
        raise NinjsError(
            _("associations are nested more than %(count)d deep") % {"count": MAX_NESTING}
        )
    doc: dict[str, Any] = {}
    flat: dict[str, list] = {"bodies": [], "descriptions": []}
    for key, value in data.items():
        flat_match = _FLAT_TEXT.match(key)
        if flat_match and isinstance(value, str):
            kind, fmt = flat_match.groups()
            flat["bodies" if kind.lower() == "body" else "descriptions"].append(
                _flat_text(fmt.lower(), value)
            )
            continue
        if key.lower() == "headline" and "headlines" not in {k.lower() for k in data}:
            doc["headlines"] = [{"role": "main", "value": value}]
            continue
        name = _CANONICAL.get(key.lower(), key)
        if name in doc and doc[name] != value:
            raise NinjsError(
                _("“%(a)s” and “%(b)s” are the same property with different values")
                % {"a": _original_key(data, name, key), "b": key}
            )
        doc[name] = value
    for name, items in flat.items():
        if items and name not in doc:
            doc[name] = items
    for name in _TEXT_LISTS:
        if isinstance(doc.get(name), list):
            doc[name] = [_normalize_part(item) for item in doc[name]]
    doc["renditions"] = _keyed_list(doc.get("renditions"), _normalize_part)
    doc["associations"] = _keyed_list(
        doc.get("associations"), lambda item: normalize(item, depth=depth + 1)
    )
    for name in ("renditions", "associations"):
        if doc[name] is None:
            del doc[name]
    if isinstance(doc.get("version"), int) and not isinstance(doc["version"], bool):
        doc["version"] = str(doc["version"])
    return doc


def _original_key(data: dict, name: str, other: str) -> str:
    return next(k for k in data if _CANONICAL.get(k.lower(), k) == name and k != other)


def _flat_text(fmt: str, value: str) -> dict[str, str]:
    if "html" in fmt:
        return {"contentType": "text/html", "value": value}
    if "nitf" in fmt:
        return {"contentType": "text/vnd.iptc.nitf", "value": value}
    if fmt == "text":
        return {"contentType": "text/plain", "value": value}
    return {"role": fmt, "value": value}


def _normalize_part(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {_CANONICAL.get(key.lower(), key): value for key, value in item.items()}


def _keyed_list(value: Any, normalize_item: Callable[[Any], Any]) -> Any:
    """1.x keeps renditions and associations in objects keyed by name; later, in arrays."""
    if value is None:
        return None
    if isinstance(value, dict):
        items = []
        for name, item in value.items():
            item = normalize_item(item) if isinstance(item, dict) else item
            items.append({"name": name, **item} if isinstance(item, dict) else item)
        return items
    if isinstance(value, list):
        return [normalize_item(item) if isinstance(item, dict) else item for item in value]
    return value


def check(doc: dict[str, Any]) -> None:
    """Raise NinjsError naming the first property that breaks the accepted schema.

    Lengths first: a text over its limit is refused before anything reads it.
    """
    _check_lengths(doc, "")
    error = first_error(validator.iter_errors(doc))
    if error is not None:
        raise NinjsError(describe(error))


def _check_lengths(doc: dict[str, Any], where: str) -> None:
    for name, limit in _LIMITS.items():
        _check_length(doc.get(name), f"{where}{name}", limit)
    for (name, key), limit in _ITEM_LIMITS.items():
        items = doc.get(name)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                _check_length(item.get(key), f"{where}{name}[{index}].{key}", limit)
    associations = doc.get("associations")
    for index, association in enumerate(associations if isinstance(associations, list) else ()):
        if isinstance(association, dict):
            _check_lengths(association, f"{where}associations[{index}].")


def _check_length(value: Any, field: str, limit: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        raise NinjsError(
            _("%(field)s is %(length)s characters long; at most %(limit)s are accepted")
            % {"field": field, "length": f"{len(value):,}", "limit": f"{limit:,}"}
        )


def item_type(doc: dict[str, Any]) -> str:
    """The document's type; untyped items are told apart by what they carry."""
    kind = doc.get("type")
    if isinstance(kind, str) and kind:
        return TYPE_SYNONYMS.get(kind.lower(), kind.lower())
    if "eventDetails" in doc:
        return "event"
    if "plannedCoverage" in doc:
        return "planning"
    return "text"


def not_an_article(doc: dict[str, Any]) -> str | None:
    """Why this document is not an article (events, media items…), or None."""
    kind = item_type(doc)
    if kind in ARTICLE_TYPES:
        return None
    if kind in PICTURE_TYPES:
        return _("a bare %(type)s item, not an article") % {"type": kind}
    if kind == "advisory":
        return _("an advisory (a note to editors), not copy for readers")
    return _("type “%(type)s” is not an article") % {"type": kind}


# --- Reading a document -----------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    href: str
    width: int
    height: int
    size: int


@dataclass(frozen=True)
class PictureRef:
    """The article's picture as the wire describes it (no file read yet)."""

    uri: str
    name: str
    caption: str
    alt_text: str
    credit: str
    copyright_holder: str
    renditions: tuple[Rendition, ...]  # largest first

    @property
    def label(self) -> str:
        return f"“{self.name or self.uri}”" + (f" ({self.uri})" if self.name and self.uri else "")


@dataclass(frozen=True)
class WireText:
    """One language version of an article, as the importer will write it."""

    uri: str
    language: str
    tag: str
    pub_status: str
    # Superdesk's guid when the document also has a uri: the same article either way.
    guid: str = ""
    title: str = ""
    summary: str = ""
    body: str = ""
    slug_source: str = ""
    byline: str = ""
    copyright_holder: str = ""
    copyright_notice: str = ""
    version: str = ""
    version_created: datetime | None = None
    published_at: datetime | None = None
    embargo_until: datetime | None = None
    picture: PictureRef | None = None
    warnings: tuple[str, ...] = field(default=())

    def content(self) -> tuple:
        """What two documents must agree on to be the same copy."""
        return (
            *(self.title, self.summary, self.body, self.slug_source, self.byline),
            *(self.version, self.version_created, self.published_at, self.pub_status),
            self.picture,
        )


def site_language(doc: dict[str, Any], default: str | None) -> tuple[str, str]:
    """(site language code, tag as given) or NinjsError naming the tag."""
    tag = doc.get("language")
    if tag is None or tag == "":
        if default is None:
            raise NinjsError(
                _(
                    "no “language”: give the document one, "
                    "or run with --language L (one of %(codes)s)"
                )
                % {"codes": ", ".join(LANGUAGE_CODES)}
            )
        return default, default
    code = match_language(tag)
    if code is None:
        raise NinjsError(
            _("language “%(tag)s” is not one of the site's languages (%(codes)s)")
            % {"tag": tag, "codes": ", ".join(LANGUAGE_CODES)}
        )
    return code, tag


def read_wire_text(doc: dict[str, Any], *, default_language: str | None = None) -> WireText:
    """Map a normalized, checked article document to a WireText (or NinjsError)."""
    language, tag = site_language(doc, default_language)
    pub_status = doc.get("pubStatus") or "usable"
    notes: list[str] = []
    guid = doc.get("guid") if isinstance(doc.get("guid"), str) else ""
    common = {
        "uri": doc["uri"],
        "guid": guid.strip() if guid.strip() != doc["uri"] else "",
        "language": language,
        "tag": tag,
        "pub_status": pub_status,
        "version": doc.get("version") or "",
        "version_created": _version_created(doc, notes),
    }
    if len(common["uri"]) > 500 or len(common["guid"]) > 500:
        raise NinjsError(_("uri is longer than 500 characters"))
    if pub_status == "canceled":
        # A cancellation only takes the version down; its text is a kill notice.
        return WireText(**common, warnings=tuple(notes))
    title = _headline(doc)
    if not title:
        raise NinjsError(_("no headline: “headlines” (or “title”) is missing or empty"))
    body = _body(doc, notes)
    if not body:
        linked = _linked_text(doc)
        if linked:
            raise NinjsError(
                _("no body: the item carries its text only as a link (%(href)s), not fetched")
                % {"href": linked[:200]}
            )
        raise NinjsError(_("no body: “bodies” has no HTML or plain-text body with text in it"))
    byline = _plain(doc.get("by") or "")
    for label, value, limit in (("headline", title, 300), ("by", byline, 300)):
        if len(value) > limit:
            raise NinjsError(
                _("%(field)s is %(length)d characters long; at most %(limit)d are accepted")
                % {"field": label, "length": len(value), "limit": limit}
            )
    picture, picture_notes = _picture(doc)
    return WireText(
        **common,
        title=title,
        summary=_summary(doc.get("descriptions") or [], ("summary", "abstract")),
        body=body,
        slug_source=(doc.get("slugline") or "").strip() or title,
        byline=byline,
        copyright_holder=_clip(doc.get("copyrightHolder") or "", 200),
        copyright_notice=(doc.get("copyrightNotice") or "").strip(),
        # Copy that does not say when it was first published was, at the latest,
        # published when this version was: an export of it says the same again.
        published_at=parse_time(doc, "firstCreated", notes)
        or parse_time(doc, "contentCreated", notes)
        or common["version_created"],
        embargo_until=parse_time(doc, "embargoedUntil", notes),
        picture=picture,
        warnings=(*dict.fromkeys(notes), *picture_notes),
    )


def _version_created(doc: dict[str, Any], notes: list[str]) -> datetime | None:
    """versionCreated, else firstCreated; None (the import time) when neither is there."""
    moment = parse_time(doc, "versionCreated", notes)
    if moment is not None:
        return moment
    moment = parse_time(doc, "firstCreated", notes)
    if moment is not None:
        notes.append(_("no versionCreated: the version is dated by firstCreated"))
        return moment
    notes.append(_("no versionCreated or firstCreated: the version is dated at import time"))
    return None


def _linked_text(doc: dict[str, Any]) -> str:
    """The href of a rendition that holds the item's text elsewhere (AP's `nitf`), or ""."""
    for rendition in doc.get("renditions") or []:
        kind = _content_type(rendition) if isinstance(rendition, dict) else ""
        href = rendition.get("href") if isinstance(rendition, dict) else None
        name = (rendition.get("name") or "") if isinstance(rendition, dict) else ""
        if isinstance(href, str) and ("xml" in kind or "html" in kind or name in ("nitf", "xml")):
            return href
    return ""


def parse_time(doc: dict[str, Any], name: str, notes: list[str] | None = None) -> datetime | None:
    value = doc.get(name)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise NinjsError(
            _("%(field)s: “%(value)s” is not a date and time (such as 2026-11-26T08:00:00Z)")
            % {"field": name, "value": value[:40]}
        ) from None
    if moment.tzinfo:
        return moment
    # RFC 3339 asks for an offset; a feed that leaves it out is taken to mean UTC.
    if notes is not None:
        notes.append(
            _("%(field)s “%(value)s” has no time zone: taken as UTC")
            % {"field": name, "value": value.strip()[:40]}
        )
    return moment.replace(tzinfo=UTC)


def _headline(doc: dict[str, Any]) -> str:
    headlines = [h for h in doc.get("headlines") or [] if h.get("value", "").strip()]
    main = [h for h in headlines if (h.get("role") or "").lower() == "main"]
    chosen = (main or headlines or [None])[0]
    if chosen is None:
        return _plain(doc.get("title") or "")
    return _plain(chosen["value"]) if _is_markup(chosen) else _squash(chosen["value"])


def _summary(descriptions: list[dict], roles: tuple[str, ...]) -> str:
    """The description in one of `roles` (else the first), as plain text."""
    filled = [d for d in descriptions if d.get("value", "").strip()]
    preferred = [d for d in filled if (d.get("role") or "").lower() in roles] or filled
    plain = [d for d in preferred if not _is_markup(d)]
    chosen = (plain or preferred or [None])[0]
    if chosen is None:
        return ""
    return _plain(chosen["value"]) if _is_markup(chosen) else chosen["value"].strip()


# --- Bodies -------------------------------------------------------------------


def _content_type(part: dict) -> str:
    return (part.get("contentType") or "").lower()


def _is_nitf(part: dict) -> bool:
    kind = _content_type(part)
    return "nitf" in kind or ("xml" in kind and "<body.content" in part.get("value", ""))


def _is_markup(part: dict) -> bool:
    kind = _content_type(part)
    if "html" in kind or _is_nitf(part):
        return True
    if kind:
        return False
    # No content type: the provider leaves it to us; markup starts with a tag.
    return part.get("value", "").lstrip().startswith("<")


def _body(doc: dict[str, Any], notes: list[str]) -> str:
    """The richest body the sanitizer keeps: HTML, else NITF, else plain text in paragraphs.

    Every body with text is read. Those that keep (nearly) as much text as the
    longest are complete; of them the one with markup wins, so a summary sent
    as HTML beside the full story in plain text does not replace the story.
    """
    bodies = [b for b in doc.get("bodies") or [] if b.get("value", "").strip()]
    for part in bodies:
        if len(part["value"]) > MAX_BODY_CHARS:
            raise NinjsError(
                _("a body is %(length)s characters long; at most %(limit)s are accepted")
                % {"length": f"{len(part['value']):,}", "limit": f"{MAX_BODY_CHARS:,}"}
            )
    read = []
    for order, part in enumerate(bodies):
        richness, body = _read_body(part, notes)
        kept = len(_plain(body)) if body else 0
        if kept:
            read.append((kept, richness, -order, body))
    if not read:
        return ""
    longest = max(kept for kept, *_rest in read)
    # A few characters of slack: markup and whitespace move short texts by more than 10%.
    complete = [entry for entry in read if entry[0] >= longest * 0.9 - 20]
    body = max(complete, key=lambda entry: (entry[1], entry[0], entry[2]))[3]
    body = re.sub(r">\s+<", ">\n<", body.strip())
    # Markup without a single block (text sent as text/html) still reads as a paragraph.
    return body if _BLOCK.search(body) else f"<p>{body}</p>"


def _read_body(part: dict, notes: list[str]) -> tuple[int, str]:
    """(richness, sanitized HTML) of one body; richness 0 where it is of no kind read."""
    value = part["value"]
    kind = _content_type(part)
    if _is_nitf(part):
        return 2, sanitize_html(nitf_content(value))
    if _is_markup(part):
        if not _TAG.search(value):
            # Superdesk's body_html is sometimes plain text with newlines.
            return 1, sanitize_html(paragraphs(value))
        return 3, sanitize_html(html_document_content(value))
    if kind in ("", "text/plain"):
        if _looks_like_html(value):
            notes.append(_("a plain-text body holds HTML: read as HTML"))
            return 3, sanitize_html(html_document_content(value))
        return 1, sanitize_html(paragraphs(value))
    return 0, ""


_OPENING_TAG = re.compile(
    r"\s*<(p|div|table|ul|ol|h[1-6]|blockquote|figure|section|article|html|body|b|i|em|strong)\b",
    re.IGNORECASE,
)


def _looks_like_html(value: str) -> bool:
    """Text that opens with an HTML tag is HTML, whatever the feed called it."""
    return _OPENING_TAG.match(value) is not None


_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|table|blockquote|pre|figure|hr)\b", re.IGNORECASE)


# Every pattern here runs on copy from outside, up to MAX_BODY_CHARS long, so
# none may backtrack over the input: "[^<>]*" stops at the next "<", a span's
# end is looked for once from its start, and an unclosed span ends the search
# (no later one can be closed either). Each character is looked at a bounded
# number of times, however the markup is broken.
_BODY_OPEN = re.compile(r"<body\b[^<>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)
_HEAD_OPEN = re.compile(r"<head\b", re.IGNORECASE)
_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)
_XML_OPEN = re.compile(r"<\?xml", re.IGNORECASE)
_XML_CLOSE = re.compile(r"\?>")
_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_TAG_CLOSE = re.compile(r">")
_NITF_OPEN = re.compile(r"<body\.content\b[^<>]*>")
_NITF_CLOSE = re.compile(r"</body\.content\s*>")
_NITF_HL2 = re.compile(r"<(/?)hl2\b[^<>]*>")
_TAG = re.compile(r"<[^<>]*>")


def html_document_content(value: str) -> str:
    """The article content of `value`: the inside of <body> for a whole HTML page.

    The sanitizer would drop <html>, <head> and <title> tags but keep the
    text inside them; the page title must not become the first line of copy.
    """
    inside = _between(value, _BODY_OPEN, _BODY_CLOSE)
    if inside is not None:
        return inside
    return _remove_spans(_remove_prologue(value), _HEAD_OPEN, _HEAD_CLOSE)


def nitf_content(value: str) -> str:
    """NITF's <body.content>: paragraphs and headings; the sanitizer drops the rest."""
    content = _between(value, _NITF_OPEN, _NITF_CLOSE)
    if content is None:
        content = _remove_prologue(value)
    return _NITF_HL2.sub(r"<\1h2>", content)


def _between(value: str, opener: re.Pattern, closer: re.Pattern) -> str | None:
    """What lies between the first `opener` and the last `closer` after it, or None."""
    opened = opener.search(value)
    if opened is None:
        return None
    last = None
    for last in closer.finditer(value, opened.end()):  # noqa: B007 - the last one is wanted
        pass
    return value[opened.end() : last.start()] if last is not None else None


def _remove_prologue(value: str) -> str:
    return _remove_doctypes(_remove_spans(value, _XML_OPEN, _XML_CLOSE))


def _remove_doctypes(value: str) -> str:
    """`value` without document type declarations, internal subsets included.

    Bodies are never parsed as XML, so entities declared in a subset (an
    "entity bomb", or one naming a file or URL) are never expanded: the
    declarations are removed, and a reference to one stays text.
    """
    kept, position = [], 0
    while (opened := _DOCTYPE_OPEN.search(value, position)) is not None:
        closed = _TAG_CLOSE.search(value, opened.end())
        if closed is None:
            break
        subset = value.find("[", opened.end(), closed.start())
        if subset != -1:
            end = value.find("]", subset)
            closed = _TAG_CLOSE.search(value, end) if end != -1 else None
            if closed is None:
                kept.append(value[position : opened.start()])
                return "".join(kept)
        kept.append(value[position : opened.start()])
        position = closed.end()
    kept.append(value[position:])
    return "".join(kept)


def _remove_spans(value: str, opener: re.Pattern, closer: re.Pattern) -> str:
    """`value` without each span from an `opener` to the first `closer` after it."""
    kept, position = [], 0
    while (opened := opener.search(value, position)) is not None:
        closed = closer.search(value, opened.end())
        if closed is None:
            break
        kept.append(value[position : opened.start()])
        position = closed.end()
    kept.append(value[position:])
    return "".join(kept)


def paragraphs(text: str) -> str:
    """Plain text as HTML: paragraphs, and tables where lines are rows of cells.

    Blank lines separate paragraphs, or else every line is one. A run of two or
    more lines that split into the same number (two or more) of cells is a
    table (`_table_at`). The text is escaped by Django's `format_html`, never
    pasted into markup.
    """
    # Not strip(): a tab opening the first line may be a table's empty corner cell.
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip(" \n")
    lines = text.split("\n")
    by_blank_lines = _BLANK_LINE.search(text) is not None
    rows = [_row(line) for line in lines]
    parts, pending, index = [], [], 0
    while index < len(lines):
        table = _table_at(rows, index)
        if table is None:
            pending.append(lines[index])
            index += 1
            continue
        parts.append(_paragraphs_html(pending, by_blank_lines))
        pending = []
        cells, header, index = table
        parts.append(_table_html(cells, header))
    parts.append(_paragraphs_html(pending, by_blank_lines))
    return "".join(parts)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraphs_html(lines: list[str], by_blank_lines: bool) -> str:
    if by_blank_lines:
        blocks = _BLANK_LINE.split("\n".join(lines))
    else:
        blocks = lines
    return format_html_join("", "<p>{}</p>", ((_squash(b),) for b in blocks if b.strip()))


@dataclass(frozen=True)
class _Row:
    """One line of plain text read as table cells: `separator` is a tab or a pipe."""

    separator: str
    cells: tuple[str, ...]

    @property
    def is_rule(self) -> bool:
        """`|---|:--:|`, the line Markdown and wire systems draw under a table's header."""
        return all(_RULE_CELL.fullmatch(cell) for cell in self.cells)


_RULE_CELL = re.compile(r":?-+:?")
# A cell that is a figure: a score, a price, a percentage, a time ("2-1", "12,40",
# "+0.4%", "1:02.5"). One character class, so matching cannot backtrack.
_NUMBER_CELL = re.compile(r"[+\-\u2212\u2013]?[$€£¥]?\d[\d.,:/'\u2019\u2013 \-]*%?")


def _row(line: str) -> _Row | None:
    """The cells of `line`: between pipes (`| a | b |`) or at tabs; None if it is no row."""
    stripped = line.strip(" \t")
    if len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|":
        separator, cells = "|", stripped[1:-1].split("|")
    elif "\t" in stripped:
        # Leading tabs are kept: they stand for empty cells, such as a table's corner.
        separator, cells = "\t", line.strip(" ").rstrip("\t ").split("\t")
    else:
        return None
    row = _Row(separator, tuple(cell.strip() for cell in cells))
    # A line of pipes alone holds no cell with text: it is no row.
    if len(row.cells) < 2 or not any(row.cells):
        return None
    return row


def _table_at(rows: list[_Row | None], start: int) -> tuple[list[tuple], bool, int] | None:
    """The table that starts at line `start`: (rows of cells, header?, next line), or None.

    The rows are consecutive lines with the same separator and the same number
    of cells. The first row is a header when a rule line follows it, or when it
    holds no figure and every other row holds one.
    """
    first = rows[start]
    if first is None or first.is_rule:
        return None

    def same_shape(row: _Row | None) -> bool:
        return (
            row is not None
            and row.separator == first.separator
            and len(row.cells) == len(first.cells)
        )

    found, index, ruled = [first.cells], start + 1, False
    if index < len(rows) and same_shape(rows[index]) and rows[index].is_rule:
        ruled, index = True, index + 1
    while index < len(rows) and same_shape(rows[index]) and not rows[index].is_rule:
        found.append(rows[index].cells)
        index += 1
    if len(found) < 2:
        return None
    figures = [any(_NUMBER_CELL.fullmatch(cell) for cell in row) for row in found]
    header = ruled or (not figures[0] and all(figures[1:]))
    return found, header, index


def _table_html(rows: list[tuple[str, ...]], header: bool) -> str:
    def cells(row: tuple[str, ...], markup: str) -> str:
        return format_html_join("", markup, ((cell,) for cell in row))

    head = (
        format_html("<thead><tr>{}</tr></thead>", cells(rows[0], '<th scope="col">{}</th>'))
        if header
        else ""
    )
    body = format_html_join(
        "", "<tr>{}</tr>", ((cells(row, "<td>{}</td>"),) for row in rows[int(header) :])
    )
    return format_html("<table>{}<tbody>{}</tbody></table>", head, body)


def _plain(value: str) -> str:
    """Text without tags or entities, on one line."""
    if "<" in value or "&" in value:
        value = html.unescape(_TAG.sub(" ", value))
    return _squash(value)


def _squash(value: str) -> str:
    return " ".join(value.split())


def _clip(value: str, limit: int) -> str:
    value = _squash(value)
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


# --- Pictures -----------------------------------------------------------------


def _picture(doc: dict[str, Any]) -> tuple[PictureRef | None, tuple[str, ...]]:
    for association in doc.get("associations") or []:
        if item_type(association) != "picture":
            continue
        descriptions = association.get("descriptions") or []
        credit = (
            association.get("by")
            or _summary(descriptions, ("creditline", "credit"))
            or association.get("copyrightHolder")
            or doc.get("copyrightHolder")
            or ""
        )
        captions = [
            d for d in descriptions if (d.get("role") or "").lower() not in _NOT_CAPTION_ROLES
        ]
        renditions = sorted(
            (
                Rendition(
                    r["href"], r.get("width") or 0, r.get("height") or 0, r.get("sizeInBytes") or 0
                )
                for r in association.get("renditions") or []
                if r.get("href") and (_content_type(r) or "image/").startswith("image/")
            ),
            key=lambda r: (r.width * r.height, r.size),
            reverse=True,
        )
        alts = [d for d in descriptions if (d.get("role") or "").lower() in _ALT_ROLES]
        alt = (
            _summary(alts, ())
            if alts
            else _headline({"headlines": association.get("headlines") or []})
        )
        picture = PictureRef(
            uri=association.get("uri") or "",
            name=association.get("name") or "",
            caption=_summary(captions, ("caption", "summary", "abstract", "description")),
            alt_text=_clip(alt, 300),
            credit=_clip(credit, 200),
            copyright_holder=_clip(association.get("copyrightHolder") or "", 200),
            renditions=tuple(renditions),
        )
        if not picture.credit:
            return None, (
                _("picture %(picture)s has no credit (“by” or “copyrightHolder”): not imported")
                % {"picture": picture.label},
            )
        return picture, ()
    return None, ()


_ALT_ROLES = frozenset({"alt", "alttext", "alt-text", "alternative"})
_NOT_CAPTION_ROLES = _ALT_ROLES | {"creditline", "credit"}
