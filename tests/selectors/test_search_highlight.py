"""Search snippets: matches marked as the search found them (accents and case folded, any
script), the rest plain text for the template to escape; never a crash on odd text."""

from __future__ import annotations

import random

import pytest

from articles.selectors.search_highlight import (
    START,
    STOP,
    SnippetPart,
    fold,
    headline_parts,
    highlighted_snippet,
)


def marked(parts: tuple[SnippetPart, ...]) -> list[str]:
    return [part.text for part in parts if part.matched]


def joined(parts: tuple[SnippetPart, ...]) -> str:
    return "".join(part.text for part in parts)


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Ciência", "ciencia"),
        ("Ärzte", "arzte"),
        ("Straße", "strasse"),
        ("ΓΈΦΥΡΑ γέφυρα ΐ", "γεφυρα γεφυρα ι"),
        ("Отчёт", "отчет"),
        ("йогурт", "йогурт"),  # й is a letter of its own, as PostgreSQL's unaccent has it
        ("cie\u0302ncia", "ciencia"),  # decomposed
        ("नदीतटे सेतुः", "नदीतटे सेतुः"),  # Devanagari's vowel signs are not accents
        ("新しい橋", "新しい橋"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "text,terms,matches",
    [
        ("A ciência do porto", ["ciencia"], ["ciência"]),
        ("A ciencia do porto", ["CIÊNCIA"], ["ciencia"]),
        ("Die Ärzte streiken", ["arzte"], ["Ärzte"]),
        ("Die Straße am Hafen", ["strasse"], ["Straße"]),
        ("Η ΓΈΦΥΡΑ άνοιξε", ["γεφυρα"], ["ΓΈΦΥΡΑ"]),
        ("Годовой отчёт", ["отчет"], ["отчёт"]),
        ("A cie\u0302ncia", ["ciencia"], ["cie\u0302ncia"]),
        ("川港に新しい橋が開通した", ["新しい橋", "開通"], ["新しい橋", "開通"]),
        ("河港的新桥今天开通", ["新桥"], ["新桥"]),
        ("नदीतटे नूतनः सेतुः उद्घाटितः", ["सेतुः"], ["सेतुः"]),
        ("Ferry, a ferry and FERRY", ["ferry"], ["Ferry", "ferry", "FERRY"]),
        ("No match here", ["absent"], []),
    ],
)
def test_matches_are_marked_as_written(text, terms, matches):
    parts = highlighted_snippet(text, terms)
    assert marked(parts) == matches
    assert joined(parts) == text


def test_overlapping_terms_mark_the_longer_once():
    parts = highlighted_snippet("the harbour master", ["harbour", "harb", "our"])
    assert marked(parts) == ["harbour"]


def test_long_text_is_windowed_around_the_first_match_at_word_boundaries():
    text = "word " * 200 + "needle " + "word " * 200
    parts = highlighted_snippet(text, ["needle"])
    assert parts[0] == SnippetPart("… ", False) and parts[-1] == SnippetPart(" …", False)
    assert marked(parts) == ["needle"]
    body = joined(parts[1:-1])
    assert body.startswith("word ") and body.endswith(" word")
    assert len(joined(parts)) <= 230


def test_without_a_match_the_snippet_is_the_beginning():
    parts = highlighted_snippet("First words. " + "more " * 100, ["absent"])
    assert joined(parts).startswith("First words.") and marked(parts) == []


@pytest.mark.parametrize("term", [".*", "(", "[a-z]+", "\\", "a|b", "$", "^", "?"])
def test_regular_expression_syntax_in_terms_is_literal(term):
    parts = highlighted_snippet("a b (x) [a-z]+ a|b $5 ^ ? \\ .* end", [term])
    assert marked(parts) == [term]


def test_highlight_markers_in_the_text_are_dropped():
    parts = highlighted_snippet(f"a {START}fake{STOP} mark", ["mark"])
    assert joined(parts) == "a fake mark" and marked(parts) == ["mark"]


def test_headline_parts_read_postgresqls_marks_and_decode_entities():
    headline = f"Tom &amp; Jerry &lt;b&gt; the {START}ferry{STOP} runs…the {START}Ferry{STOP}"
    assert headline_parts(headline) == (
        SnippetPart("Tom & Jerry <b> the ", False),
        SnippetPart("ferry", True),
        SnippetPart(" runs … the ", False),
        SnippetPart("Ferry", True),
    )


# Letters of several scripts, accents alone and composed, ß, spaces, markers, punctuation.
ALPHABET = "aeiouAEIOU éÉßçñΆάΐёЁй新橋の नदीः\u0301\u0308 .,*()[]\\|$^?" + START + STOP


@pytest.mark.parametrize("seed", range(200))
def test_any_text_and_terms_make_a_snippet_of_the_text(seed):
    rng = random.Random(seed)
    text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 600)))
    terms = ["".join(rng.choices(ALPHABET, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 12))]
    parts = highlighted_snippet(text, terms)
    plain = " ".join(text.replace(START, "").replace(STOP, "").split())
    inner = joined(parts).removeprefix("… ").removesuffix(" …")
    assert inner in plain
    assert all(part.text for part in parts)
