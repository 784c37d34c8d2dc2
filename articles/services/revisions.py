"""Revision snapshots: what a revision stores, how two compare, what a restore puts back."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.domain.availability import REQUIRED_FIELDS
from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.models import Article, Revision
from articles.services.permissions import Rights, change_errors_by_language

# Per language: the text and the workflow facts a desk wants to see in history.
LANGUAGE_FIELDS: tuple[str, ...] = (
    "title",
    "slug",
    "summary",
    "body",
    "status",
    "published_at",
    "expires_at",
    "origin",
    "translated_from",
    # Not shown in diffs; lets provenance find the source text a translation was made from.
    "text_version",
)
# What a restore puts back: the words, never the workflow state.
RESTORED_FIELDS: tuple[str, ...] = ("title", "slug", "summary", "body")
SHARED_FIELDS: tuple[str, ...] = ("section_id", "photo_id", "source_language", "embargo_until")


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(article: Article) -> dict:
    languages = {}
    for code in LANGUAGE_CODES:
        values = {f: _plain(value_in(article, f, code)) for f in LANGUAGE_FIELDS}
        if values["title"] or values["body"]:
            languages[code] = values
    return {
        "languages": languages,
        "shared": {f: _plain(getattr(article, f)) for f in SHARED_FIELDS},
    }


def changed_languages(before: dict | None, after: dict) -> list[str]:
    """Languages whose fields differ between two snapshots, in site order."""
    old = (before or {}).get("languages", {})
    new = after["languages"]
    return [code for code in LANGUAGE_CODES if old.get(code) != new.get(code)]


def language_diff(before: dict, after: dict, language: str) -> list[dict]:
    """Per field of one language: the unified diff lines from `before` to `after`."""
    old = before["languages"].get(language, {})
    new = after["languages"].get(language, {})
    fields = []
    for field in LANGUAGE_FIELDS:
        if field == "text_version":
            continue
        a, b = str(old.get(field) or ""), str(new.get(field) or "")
        if a != b:
            lines = list(
                difflib.unified_diff(
                    a.splitlines(),
                    b.splitlines(),
                    lineterm="",
                    n=2,
                )
            )[2:]
            fields.append({"field": field, "lines": lines})
    return fields


def restore_text(article: Article, snap: dict, languages: Iterable[str]) -> None:
    """Put back the texts of `snap` in `languages`."""
    for code in languages:
        values = snap["languages"].get(code, {})
        for field in RESTORED_FIELDS:
            empty = None if field == "slug" else ""
            setattr(article, column_name(field, code), values.get(field) or empty)


def restore_changes(article: Article, snap: dict, language: str) -> list[str]:
    """The columns a restore of `language` from `snap` would change."""
    values = snap["languages"].get(language, {})
    return [
        column_name(field, language)
        for field in RESTORED_FIELDS
        if (value_in(article, field, language) or "") != (values.get(field) or "")
    ]


@dataclass(frozen=True)
class RestorePlan:
    """What restoring one revision would do, for one user.

    `changes`: per language whose texts differ from the article's now, the
    columns a restore would change; `refusals`: per such language, why this
    user may not restore it.
    """

    changes: dict[str, list[str]]
    refusals: dict[str, list[str]]

    @property
    def allowed(self) -> list[str]:
        return [code for code in self.changes if code not in self.refusals]


def restore_plan(
    *,
    article: Article,
    revision: Revision,
    rights: Rights,
    corrections: Iterable[tuple[str, datetime]],
) -> RestorePlan:
    """Which languages of `revision` this user may put back into `article`, and why not.

    A restore is a change like any other, judged by the change form's rule
    (articles/services/permissions.py), plus two of its own, for everyone: it never
    empties a text a language has now (its page would vanish while its
    status says published), and never rolls a language back to before one of
    its corrections (`corrections`: the article's, as (language, dated)).
    """
    snap = revision.snapshot
    corrected: dict[str, datetime] = {}
    for language, dated in corrections:
        if dated > revision.created_at:
            corrected[language] = max(dated, corrected.get(language, dated))
    changes, refusals = {}, {}
    for code in LANGUAGE_CODES:
        columns = restore_changes(article, snap, code)
        if not columns:
            continue
        changes[code] = columns
        reasons = change_errors_by_language(
            rights=rights, before=article, changed=columns, cleaned={}
        ).get(code, [])
        values = snap["languages"].get(code, {})
        emptied = [
            field
            for field in REQUIRED_FIELDS
            if value_in(article, field, code) and not values.get(field)
        ]
        if emptied:
            reasons.append(
                _(
                    "Version %(version)s has no %(fields)s in %(language)s: restoring it "
                    "would empty the %(language)s version."
                )
                % {"version": revision.version, "fields": ", ".join(emptied), "language": code}
            )
        if code in corrected:
            reasons.append(
                _(
                    "The %(language)s version has a correction dated %(date)s, after version "
                    "%(version)s: restoring it would undo the correction."
                )
                % {
                    "language": code,
                    "date": timezone.localtime(corrected[code]).strftime("%Y-%m-%d %H:%M"),
                    "version": revision.version,
                }
            )
        if reasons:
            refusals[code] = reasons
    return RestorePlan(changes=changes, refusals=refusals)


def revision_record(
    *, article: Article, user=None, actor: str = "", created: bool = False
) -> Revision | None:
    """Record the article as it now stands, if anything changed since the last revision.

    `created`: the article was inserted just now, so it has no revision to
    compare with (saves the importer a query per new article).
    """
    last = None if created else article.revisions.order_by("-version", "-id").first()
    snap = snapshot(article)
    languages = changed_languages(last.snapshot if last else None, snap)
    if last and not languages and last.snapshot["shared"] == snap["shared"]:
        return None
    return Revision.objects.create(
        article=article,
        version=article.version,
        user=user if getattr(user, "pk", None) else None,
        actor=actor,
        languages=languages,
        snapshot=snap,
    )
