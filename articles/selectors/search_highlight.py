"""Search snippets: the text around the matches, as parts the template marks up.

A snippet is a tuple of `SnippetPart(text, matched)`; the template puts the
matched parts in <mark> and escapes every part, so no HTML is made here.

Matches are found as the search found them: accents and case folded
(`fold()`, which SQLite's search also uses), so searching `ciencia` marks
`ciência`, and a term is marked wherever it appears, in any script (Chinese and
Japanese have no word boundaries to respect). PostgreSQL's full-text search
marks its own matches (`ts_headline`, stemmed words included) between two
private-use characters; `headline_parts()` reads them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

SNIPPET_LENGTH = 220
# Private-use characters mark matches inside ts_headline's output; queries and
# snippets drop them from the text, so only PostgreSQL's marks remain.
START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"
_COMBINING_ACCENTS = range(0x300, 0x370)
# Cyrillic й is a letter of its own, not an accented и (PostgreSQL's unaccent agrees).
_KEEP = frozenset("йЙ")


class SnippetPart(NamedTuple):
    text: str
    matched: bool


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _KEEP:
        return ch.casefold()
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if ord(c) not in _COMBINING_ACCENTS).casefold()


def fold(text: str) -> str:
    """`text` case-folded, accents of Latin, Greek and Cyrillic letters dropped."""
    return "".join(map(_fold_char, text))


def headline_parts(headline: str) -> tuple[SnippetPart, ...]:
    """PostgreSQL's ts_headline output (tags removed, entities still encoded) as parts."""
    text = " ".join(html.unescape(headline).replace(ELLIPSIS, f" {ELLIPSIS} ").split())
    parts = []
    for number, piece in enumerate(re.split(f"[{START}{STOP}]", text)):
        if piece:
            parts.append(SnippetPart(piece, matched=number % 2 == 1))
    return tuple(parts)


def _folded_with_origins(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)`, and for each of its characters the position it came from in
    `text`; None when every character folds to exactly one (the common case,
    done by str.translate rather than a loop over a whole article)."""
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    if all(len(piece) == 1 for piece in table.values()):
        return text.translate(table), None
    folded, origins = [], []
    for position, ch in enumerate(text):
        piece = table[ord(ch)]
        folded.append(piece)
        origins.extend([position] * len(piece))
    return "".join(folded), origins


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms appear in `text`, compared folded; positions in `text` itself."""
    folded_terms = sorted({fold(t) for t in terms if fold(t)}, key=len, reverse=True)
    if not folded_terms:
        return []
    folded_text, origins = _folded_with_origins(text)
    pattern = re.compile("|".join(map(re.escape, folded_terms)))
    spans = []
    for match in pattern.finditer(folded_text):
        start = origins[match.start()] if origins else match.start()
        end = (origins[match.end() - 1] if origins else match.end() - 1) + 1
        # Marks that fold to nothing (a decomposed accent) belong to the letter before.
        while end < len(text) and not _fold_char(text[end]):
            end += 1
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


def highlighted_snippet(
    text: str, terms: list[str], length: int = SNIPPET_LENGTH
) -> tuple[SnippetPart, ...]:
    """A window of `text` around the first match, every match within it marked."""
    text = " ".join(text.replace(START, "").replace(STOP, "").split())
    spans = _match_spans(text, terms)
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, first_start - length // 3)
    end = min(len(text), start + length)
    # Whole words at both ends where there are spaces (not in Chinese or Japanese).
    if start > 0 and (space := text.find(" ", start, first_start)) != -1:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", first_end, end)) != -1:
        end = space
    parts = [SnippetPart(f"{ELLIPSIS} ", False)] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        span_end = min(span_end, end)
        if span_start > position:
            parts.append(SnippetPart(text[position:span_start], False))
        parts.append(SnippetPart(text[span_start:span_end], True))
        position = span_end
    if position < end:
        parts.append(SnippetPart(text[position:end], False))
    if end < len(text):
        parts.append(SnippetPart(f" {ELLIPSIS}", False))
    return tuple(parts)
