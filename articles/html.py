"""The one HTML sanitizer: every path that stores body HTML goes through it."""

from __future__ import annotations

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


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allowlist removed.

    Links get rel="noopener noreferrer nofollow" so that copy cannot pass
    reputation or window handles to arbitrary sites.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
