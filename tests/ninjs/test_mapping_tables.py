"""Tables in plain-text bodies (mapping.py `paragraphs`): what is one and what is not."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from articles.ninjs.mapping import paragraphs, read_wire_text
from tests.support.ninjs_support import table_rows


def paragraphs_of(markup: str) -> list[str]:
    return [p.get_text() for p in BeautifulSoup(markup, "html.parser").find_all("p")]


def test_tab_separated_lines_become_a_table_between_paragraphs():
    markup = paragraphs(
        "Closing prices:\nIndex\tClose\nHarbour 50\t4,512.30\nShipping\t1,204.75\nEnd."
    )
    assert table_rows(markup) == [
        ("th", ["Index", "Close"]),
        ("td", ["Harbour 50", "4,512.30"]),
        ("td", ["Shipping", "1,204.75"]),
    ]
    assert paragraphs_of(markup) == ["Closing prices:", "End."]
    assert markup.index("Closing") < markup.index("<table>") < markup.index("End.")


def test_a_pipe_table_with_a_rule_line_has_a_header_row():
    markup = paragraphs("| Team | Result |\n|:---|---:|\n| Rovers | won |\n| United | lost |")
    assert table_rows(markup) == [
        ("th", ["Team", "Result"]),
        ("td", ["Rovers", "won"]),
        ("td", ["United", "lost"]),
    ]
    assert "|" not in markup and "---" not in markup


def test_without_a_rule_line_the_first_row_is_a_header_only_over_rows_of_figures():
    # Words over figures: a header.
    assert table_rows(paragraphs("Team\tPts\nRovers\t22\nUnited\t19"))[0] == ("th", ["Team", "Pts"])
    # Words over words: every row is data.
    assert [kind for kind, _cells in table_rows(paragraphs("Mon\tSwim\nTue\tRun"))] == ["td", "td"]
    # A first row with figures of its own (years) is data, unless a rule line says otherwise.
    assert table_rows(paragraphs("Index\t2025\nHarbour 50\t4,512"))[0] == ("td", ["Index", "2025"])


def test_scores_prices_percentages_and_times_count_as_figures():
    for figure in ("2-1", "12,40", "+0.4%", "−1.5", "1:02.5", "€3.20", "1 204"):
        markup = paragraphs(f"Item\tValue\nA\t{figure}\nB\t{figure}")
        assert table_rows(markup)[0] == ("th", ["Item", "Value"]), figure


def test_cells_are_escaped_text_and_markup_in_them_is_never_markup():
    markup = paragraphs(
        "| Name | Note |\n|---|---|\n| <script>alert(1)</script> | a & b |\n"
        '| <b onclick="x()">bold</b> | &lt;ok&gt; |'
    )
    assert table_rows(markup)[1:] == [
        ("td", ["<script>alert(1)</script>", "a & b"]),
        ("td", ['<b onclick="x()">bold</b>', "&lt;ok&gt;"]),
    ]
    assert "<script" not in markup and "<b " not in markup


def test_a_leading_tab_is_an_empty_corner_cell():
    markup = paragraphs("\tQ1\tQ2\nSales\t3\t4\nCosts\t2\t2")
    assert table_rows(markup) == [
        ("th", ["", "Q1", "Q2"]),
        ("td", ["Sales", "3", "4"]),
        ("td", ["Costs", "2", "2"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Source:\tHarbour Exchange",  # one line with a tab
        "Home\tAway\nRovers\t2\t1\nUnited\t0",  # ragged: 2, 3, 2 cells
        "|||\n|||",  # lines of pipes only
        "| |\n| |",
        "|---|---|\n|---|---|",  # rule lines with nothing above them
        "| a | b |\nc\td",  # pipes then tabs: two separators, no run
        "| Team | Result |\n|---|---|",  # a header and its rule, but no row under them
    ],
)
def test_what_is_no_table_stays_paragraphs(text):
    markup = paragraphs(text)
    assert "<table" not in markup
    assert markup.startswith("<p>") and markup.endswith("</p>")


def test_a_blank_line_ends_a_table_and_blank_line_paragraphs_still_join_their_lines():
    markup = paragraphs("First line\nstill the first.\n\nA\t1\nB\t2\n\nC\t3\nD\t4\n\nLast.")
    assert markup.count("<table>") == 2
    assert paragraphs_of(markup) == ["First line still the first.", "Last."]


def test_a_plain_text_body_with_a_table_is_stored_through_the_sanitizer():
    doc = {
        "uri": "u",
        "headlines": [{"value": "T"}],
        "bodies": [{"contentType": "text/plain", "value": "Intro\n\nA\t1\nB\t2"}],
    }
    body = read_wire_text(doc, default_language="en").body
    assert table_rows(body) == [("td", ["A", "1"]), ("td", ["B", "2"])]
    assert body.startswith("<p>Intro</p>")


def test_many_table_lines_are_read_in_one_pass():
    lines = "\n".join(f"Row {n}\t{n}" for n in range(20_000))
    markup = paragraphs("Name\tValue\n" + lines)
    assert markup.count("<tr>") == 20_001
    # Ragged lines never form a run, however many there are.
    ragged = "\n".join("a\tb" if n % 2 else "a\tb\tc" for n in range(20_000))
    assert "<table" not in paragraphs(ragged)
