"""Query budget of `import_ninjs`: a constant number per article written.

What an import asks the database must not grow with the articles already
stored, nor with the languages of the batch beyond a fixed amount per run:
an extra query per language version or per stored article is what turns a
7,000-version import from seconds into minutes. Counts, not times.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.domain.languages import LANGUAGE_CODES
from articles.ninjs.export import bcp47
from tests.support.ninjs_support import run, text_doc, totals

pytestmark = pytest.mark.django_db

# Per new article: the article's savepoint, the save service's savepoint, the
# INSERT, its release, the first revision's INSERT, the article's release.
# Nothing per language version.
PER_NEW_ARTICLE = 6
# Per updated article: the same, plus the conditional UPDATE that moves its
# version on (the edit lock) and the last revision (to compare with). The row
# it compares with is the one the run read: no query to read it again.
PER_UPDATED_ARTICLE = 8


def docs(first: int, count: int, languages, version: str = "1") -> list[dict]:
    hour = 10 + int(version)
    return [
        text_doc(
            f"urn:test:budget:{number}",
            bcp47(code),
            version=version,
            versionCreated=f"2026-01-05T{hour:02d}:00:00Z",
            headlines=[{"role": "main", "value": f"Story {number}, version {version}"}],
        )
        for number in range(first, first + count)
        for code in languages
    ]


def queries(tmp_path, documents: list[dict], expect: tuple[int, ...]) -> int:
    """How many queries importing `documents` takes; checks the summary's totals too."""
    path = tmp_path / f"batch-{len(list(tmp_path.iterdir()))}.ndjson"
    path.write_text("".join(json.dumps(doc) + "\n" for doc in documents), encoding="utf-8")
    with CaptureQueriesContext(connection) as captured:
        out, _err = run("import_ninjs", str(path), "--publish")
    assert totals(out) == expect
    return len(captured.captured_queries)


@pytest.fixture
def wire_section(tmp_path):
    """A first import made the section, so later runs count only their own work."""
    queries(tmp_path, docs(1000, 1, ["en"]), (1, 0, 0, 0))


def test_new_articles_cost_the_same_queries_each_whatever_their_languages(tmp_path, wire_section):
    two = queries(tmp_path, docs(0, 2, ["en"]), (2, 0, 0, 0))
    five = queries(tmp_path, docs(10, 5, ["en"]), (5, 0, 0, 0))
    assert five - two == 3 * PER_NEW_ARTICLE
    every = queries(tmp_path, docs(20, 5, LANGUAGE_CODES), (5 * len(LANGUAGE_CODES), 0, 0, 0))
    # Free slugs are asked once per language for the whole run, not per version.
    assert every - five == len(LANGUAGE_CODES) - 1


def test_queries_do_not_grow_with_the_articles_already_stored(tmp_path, wire_section):
    before = queries(tmp_path, docs(0, 3, ["en", "fr"]), (6, 0, 0, 0))
    queries(tmp_path, docs(100, 40, ["en", "fr"]), (80, 0, 0, 0))
    after = queries(tmp_path, docs(200, 3, ["en", "fr"]), (6, 0, 0, 0))
    assert after == before


def test_updates_cost_the_same_queries_each(tmp_path, wire_section):
    queries(tmp_path, docs(0, 6, ["en", "de"]), (12, 0, 0, 0))
    two = queries(tmp_path, docs(0, 2, ["en", "de"], version="2"), (0, 4, 0, 0))
    five = queries(tmp_path, docs(0, 5, ["en", "de"], version="3"), (0, 10, 0, 0))
    assert five - two == 3 * PER_UPDATED_ARTICLE


def test_copy_already_there_costs_a_fixed_number_of_queries(tmp_path, wire_section):
    queries(tmp_path, docs(0, 8, ["en", "ja"]), (16, 0, 0, 0))
    two = queries(tmp_path, docs(0, 2, ["en", "ja"]), (0, 0, 4, 0))
    eight = queries(tmp_path, docs(0, 8, ["en", "ja"]), (0, 0, 16, 0))
    assert eight == two
