"""The desk's view of every article × language: missing, draft, scheduled,
published, outdated, machine.

Computed from each article's small per-language columns (`STATUS_FIELDS`)
and its text flags (which languages have their texts, asked of the database
as one number), never from the texts themselves: a board of any length costs
the same few queries, and none of them carries a body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.domain.availability import (
    TEXT_FLAGS,
    first_translation,
    has_language,
    has_text_in,
    is_public,
    public_q,
)
from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.provenance import is_outdated
from articles.domain.status import Origin, Status
from articles.models import Article

STATES = {
    "missing": _("missing"),
    "draft": _("draft"),
    "review": _("in review"),
    "scheduled": _("scheduled"),
    "published": _("published"),
    "unpublished": _("unpublished"),
}
# One letter per state for the terminal: what `translation_status` prints.
LETTERS = {
    "missing": "·",
    "draft": "d",
    "review": "r",
    "scheduled": "s",
    "published": "P",
    "unpublished": "u",
}
# "machine" is a machine translation no person has checked yet (it waits for
# review); "machine_reviewed" one a person has checked.
FLAGS = {
    "outdated": _("outdated"),
    "machine": _("machine"),
    "machine_reviewed": _("machine, reviewed"),
}

# What a cell is computed from, in every language: the headline's title, the
# availability rule's dates and state, and the provenance that says whether a
# translation is outdated (the source's text version against `based_on`).
STATUS_FIELDS = (
    "title",
    "status",
    "published_at",
    "expires_at",
    "origin",
    "translated_from",
    "based_on",
    "text_version",
)


_COLUMNS = (
    "pk",
    "source_language",
    "embargo_until",
    TEXT_FLAGS,
    *(column_name(field, code) for code in LANGUAGE_CODES for field in STATUS_FIELDS),
)


class ArticleFlags:
    """One article's status columns and text flags, as `.values()` reads them.

    Not a model instance: Django builds a partial one (`.only()`) by walking
    all of the article's some 300 fields for each row, which for a whole
    board costs more than the query itself. Its attributes
    are named as the model's, so the domain's rules (`is_public`,
    `is_outdated`, `value_in`) read it as they read an article.
    """

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def status_flags(articles) -> Iterator[ArticleFlags]:
    """The status columns of `articles` (a queryset), in its order: one query, no texts."""
    for values in articles.with_text_flags().values(*_COLUMNS).iterator(chunk_size=1000):
        yield ArticleFlags(values)


@dataclass(frozen=True)
class Cell:
    language: str
    state: str
    outdated: bool
    machine: bool
    machine_reviewed: bool = False

    @property
    def letters(self) -> str:
        return (
            LETTERS[self.state]
            + ("!" if self.outdated else "")
            + ("m" if self.machine else "")
            + ("v" if self.machine_reviewed else "")
        )

    @property
    def label(self) -> str:
        parts = [str(STATES[self.state])]
        parts += [str(FLAGS[f]) for f in FLAGS if getattr(self, f)]
        return ", ".join(parts)


def cell(article: ArticleFlags, language: str, now: datetime) -> Cell:
    texts = getattr(article, TEXT_FLAGS)
    if not has_text_in(article, language, texts):
        state = "missing"
    elif is_public(article, language, now, texts=texts):
        state = "published"
    else:
        status = value_in(article, "status", language)
        expires = value_in(article, "expires_at", language)
        if status in (Status.SCHEDULED, Status.PUBLISHED) and not (expires and expires <= now):
            state = "scheduled"  # waiting for its time or for the embargo
        elif status in (Status.SCHEDULED, Status.PUBLISHED):
            state = "unpublished"
        else:
            state = status
    return Cell(
        language=language,
        state=state,
        outdated=state != "missing" and is_outdated(article, language),
        machine=state != "missing" and value_in(article, "origin", language) == Origin.MACHINE,
        machine_reviewed=state != "missing"
        and value_in(article, "origin", language) == Origin.MACHINE_REVIEWED,
    )


@dataclass(frozen=True)
class Row:
    article: ArticleFlags
    headline: str
    cells: list[Cell]


def status_rows(articles, languages=LANGUAGE_CODES, now: datetime | None = None) -> list[Row]:
    """The rows of `articles`, which come from `status_flags`."""
    now = now or timezone.now()
    return [
        Row(
            article=a,
            headline=first_translation(a, "title", prefer=(a.source_language,)),
            cells=[cell(a, code, now) for code in languages],
        )
        for a in articles
    ]


def page_status_rows(page, languages=LANGUAGE_CODES, now: datetime | None = None) -> list[Row]:
    """The rows of one page of articles (a sliced queryset), in the page's order.

    The flags are asked for the page's articles only: asked in the paged query
    itself, PostgreSQL would compute them for every row an OFFSET skips.
    """
    articles = Article.objects.filter(pk__in=page.values("pk")).order_by(*page.query.order_by)
    return status_rows(status_flags(articles), languages, now)


def matches(row: Row, *, state: str | None = None) -> bool:
    """Whether any cell of the row is in `state` (a state name, "outdated" or "machine")."""
    if not state:
        return True
    if state in FLAGS:
        return any(getattr(c, state) for c in row.cells)
    return any(c.state == state for c in row.cells)


def filter_by_state(articles, language: str, state: str):
    """Narrow a queryset to articles whose `language` version is in `state`, in SQL.

    "outdated" compares two columns that differ per row (the source language
    varies), so it is left to `matches` on the rows shown.
    """
    written = has_language(language)
    status = column_name("status", language)
    if state == "missing":
        return articles.exclude(written)
    if state == "published":
        return articles.filter(public_q(language))
    if state in ("draft", "review", "unpublished"):
        return articles.filter(written, **{status: state})
    if state == "scheduled":
        live = Q(**{f"{status}__in": (Status.SCHEDULED, Status.PUBLISHED)})
        return articles.filter(written & live).exclude(public_q(language))
    if state == "machine":
        return articles.filter(written, **{column_name("origin", language): Origin.MACHINE})
    if state == "machine_reviewed":
        return articles.filter(
            written, **{column_name("origin", language): Origin.MACHINE_REVIEWED}
        )
    return articles
