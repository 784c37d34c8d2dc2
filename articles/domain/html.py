"""The one HTML sanitizer: every path that stores body HTML goes through it."""

from __future__ import annotations

import re
import unicodedata
from html import unescape

import nh3

# An allowlist for news copy: structure, emphasis, links, quotes, lists and
# simple tables. No images or media inside the body (the lead photo is a field
# of its own), no style, no script, no forms.
ALLOWED_TAGS: set[str] = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "hr",
    "abbr",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "figure",
    "figcaption",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang", "dir"},
}
URL_SCHEMES: set[str] = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES: set[tuple[str, str]] = {("a", "href"), ("q", "cite"), ("blockquote", "cite")}
# What may not stand between the letters of a scheme: browsers drop ASCII tabs
# and newlines and trim control characters and spaces ("jav\tascript:"), and
# a NUL arrives as U+FFFD. We remove those and every other character that
# cannot be part of a scheme (zero-width spaces, direction marks) before judging.
_NOT_IN_A_SCHEME = re.compile(r"[^a-z0-9+.\-]")


def url_scheme(url: str) -> str | None:
    """The scheme `url` would have once its hidden characters are gone; None if relative."""
    before, colon, _ = unicodedata.normalize("NFKC", url).partition(":")
    if not colon or any(mark in before for mark in "/?#"):
        return None
    return _NOT_IN_A_SCHEME.sub("", before.lower())


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            return None
    if attribute == "title" and not value.strip():
        # The editor's link dialog posts an empty title when none is given.
        return None
    return value


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allowlist removed.

    Links get rel="noopener noreferrer nofollow" so that copy cannot pass
    reputation or window handles to arbitrary sites. nh3 checks URL schemes
    itself; `_filter_attribute` checks them again after removing what
    browsers ignore, so no spelling of "javascript:" slips through.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


_TAGS = re.compile(r"<[^>]*>")


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(_TAGS.sub(" ", fragment)).split())
