"""The service that writes agency copy (ninjs) into articles: `ninjs_import`.

Two phases. First every document is read, mapped and checked, pictures
included, without writing anything: a run with an invalid document stops
here (NinjsImportError) and the database and media are untouched. Then,
in one transaction, each article is written once with all its incoming
language versions. Files written before a rollback are deleted again.

Rules (README, "Agency copy in and out"):
- `uri` identifies the article, `language` the language version. The first
  language version imported for an article is its original; later ones are
  recorded as translations of it (articles/domain/provenance.py), so that they show
  as outdated when the original moves on.
- A language version is rewritten only by a newer wire version (later
  versionCreated, or the same time and a higher version number); the same or
  an older version is skipped.
- `--publish` publishes; otherwise new versions arrive as drafts and existing
  ones keep their state. `withheld` never publishes and takes a public version
  down; `canceled` takes the version down and leaves its text alone.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.domain.changes import StoredArticle
from articles.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    column_name,
    match_language,
    value_in,
)
from articles.domain.provenance import mark_translation, text_version_after_save
from articles.domain.slugs import slug_from, unique_slug, validate_slug
from articles.domain.status import Origin, Status
from articles.models import Article, Photo, Section
from articles.ninjs.dialects import Unwrapped, api_error, family, repair, unwrap
from articles.ninjs.iptc_schema import IptcSchemas
from articles.ninjs.mapping import (
    MAX_TAG_CHARS,
    NinjsError,
    PictureRef,
    WireText,
    check,
    normalize,
    not_an_article,
    read_wire_text,
)
from articles.ninjs.media import (
    MissingPicture,
    PictureError,
    PictureFile,
    WrittenFiles,
    check_picture,
    fetch,
    locate,
    read_local,
    store_picture,
)
from articles.ninjs.reader import Document, ReadProblem, json_kind
from articles.photos.cleanup import sweep_staged_originals
from articles.photos.services import photo_save
from articles.services.articles import EditConflict, article_save
from articles.services.taxonomy import section_save

DEFAULT_SECTION_SLUG = "wire"
ACTIONS = ("created", "updated", "skipped", "failed")
# Shown for documents whose language is unknown (none given, or unreadable).
NO_LANGUAGE = "—"

Progress = Callable[[str, int, int], None]


class NinjsImportError(Exception):
    """The run was refused: `report.refused` says which documents and why."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(_("%(count)d document(s) refused") % {"count": len(report.refused)})
        self.report = report


@dataclass
class ImportReport:
    """What a run did (or, with dry_run, would do)."""

    dry_run: bool = False
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: dict.fromkeys(ACTIONS, 0))
    )
    refused: list[tuple[str, str]] = field(default_factory=list)
    not_articles: list[tuple[str, str]] = field(default_factory=list)
    # Language versions left alone (same or older version, duplicates), with why.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # Texts of photos the desk has edited that the feed would have changed, left alone.
    photo_texts_kept: list[tuple[str, str]] = field(default_factory=list)
    sections_created: list[str] = field(default_factory=list)
    photos_created: int = 0
    # One line per item read, keyed by its place in the input (see `item_lines`).
    lines: dict[int, ItemLine] = field(default_factory=dict)

    def count(self, language: str, action: str) -> None:
        self.counts[language][action] += 1

    def line(self, number: int, where: str, outcome: str, language: str, detail: str) -> None:
        self.lines[number] = ItemLine(where, outcome, language, detail)

    def total(self, action: str) -> int:
        return sum(row[action] for row in self.counts.values())

    def item_lines(self) -> list[ItemLine]:
        """Every item's outcome, in input order: imported, skipped or refused, and why."""
        return [self.lines[number] for number in sorted(self.lines)]


@dataclass(frozen=True)
class ItemLine:
    """What happened to one item: `outcome` is one of OUTCOMES."""

    where: str
    outcome: str
    language: str
    # created/updated for an imported item; the reason for a skipped or refused one.
    detail: str


OUTCOMES = ("imported", "skipped", "refused")


@dataclass
class Incoming:
    """One language version on its way in."""

    where: str
    text: WireText
    picture: PictureFile | None = None
    action: str = ""  # created / updated / skipped
    number: int = 0  # its place in the input, for the report's line


def ninjs_import(
    *,
    documents: Iterable[Document | ReadProblem],
    publish: bool,
    default_language: str | None = None,
    section: str | None = None,
    fetch_media: bool = False,
    skip_invalid: bool = False,
    dry_run: bool = False,
    overwrite_photo_text: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ninjs documents as language versions of articles.

    Raises NinjsImportError, having written nothing, when a document is
    invalid and `skip_invalid` is off. With `skip_invalid` the valid documents
    are imported and the report lists the refused ones. `section` is the slug
    of the section new articles go to (created when missing).

    A photo the desk has edited in the admin gets from the feed only the texts
    it lacks (credit, copyright holder, captions, alt texts); the report lists
    what it left alone. `overwrite_photo_text` lets the feed's texts win.

    Items are taken out of API envelopes and each wire system's dialect is
    repaired (`articles.ninjs.dialects`), with a warning for each repair;
    `strict` repairs nothing: it refuses envelopes, and every item that does
    not conform, as sent, to the IPTC's schema of the ninjs version it
    declares (`articles.ninjs.iptc_schema`). Raises SchemaUnavailable, having
    written nothing, when that schema cannot be had.
    """
    report = ImportReport(dry_run=dry_run)
    if section is not None:
        try:
            validate_slug(section)
        except ValidationError:
            report.refused.append(("--section", _("“%(slug)s” is not a slug") % {"slug": section}))
            raise NinjsImportError(report) from None
    schemas = IptcSchemas.from_settings() if strict else None
    incoming = _prepare(documents, report, default_language, fetch_media, schemas, progress)
    if report.refused and not skip_invalid:
        raise NinjsImportError(report)
    groups: dict[str, list[Incoming]] = defaultdict(list)
    for item in incoming:
        groups[item.text.uri].append(item)
    existing = _existing_articles(groups)
    for uri, items in groups.items():
        for item in items:
            _decide(item, existing.get(uri), report)
    if dry_run:
        _count_planned(groups, existing, section, report)
        return report
    # What an earlier run killed mid-way left staged goes first (photos/staging.py).
    sweep_staged_originals()
    written = WrittenFiles()
    try:
        with transaction.atomic():
            _write(
                groups,
                existing,
                report,
                section,
                publish,
                skip_invalid,
                written,
                RunPhotos(overwrite_text=overwrite_photo_text),
                progress,
            )
    except BaseException:
        written.remove()
        raise
    return report


# --- Phase 1: read, map, check ----------------------------------------------------


def _prepare(documents, report, default_language, fetch_media, schemas, progress) -> list[Incoming]:
    incoming: list[Incoming] = []
    seen: dict[tuple[str, str], Incoming] = {}
    pictures: dict[str, PictureFile | MissingPicture] = {}
    number = 0
    for document in documents:
        if isinstance(document, ReadProblem):
            number += 1
            _refuse(report, document.where, document.message, NO_LANGUAGE, number)
            continue
        items, envelope_warnings = unwrap(document.data)
        if schemas is not None and _is_envelope(items):
            number += 1
            _refuse(report, document.where, _envelope_refusal(items), NO_LANGUAGE, number)
            continue
        for warning in envelope_warnings:
            report.warnings.append((document.where, warning))
        for unwrapped in items:
            number += 1
            if progress:
                progress("check", number, 0)
            where = _where(document.where, unwrapped.path)
            item = Document(unwrapped.data, document.source, document.position, document.base_dir)
            entry = _prepare_item(
                item, where, number, report, default_language, fetch_media, schemas, pictures
            )
            if entry is not None:
                _add_incoming(entry, seen, incoming, report)
    return incoming


def _where(where: str, path: str) -> str:
    return f"{where}, {path}" if path else where


def _is_envelope(items: list[Unwrapped]) -> bool:
    return len(items) != 1 or items[0].path != ""


def _envelope_refusal(items: list[Unwrapped]) -> str:
    # The report's words, in English like the rest of what --strict adds.
    shape = re.sub(r"\[\d+\]", "[]", items[0].path) if items else "no items"
    return (
        f"an API envelope ({shape}) holding {len(items)} item(s), not a ninjs document: "
        f"refused under --strict; without --strict its items would be imported"
    )


def _prepare_item(
    item, where, number, report, default_language, fetch_media, schemas, pictures
) -> Incoming | None:
    """One item read, repaired, mapped and checked; None (with its line) when it goes no further."""
    error = api_error(item.data)
    if error is not None or not isinstance(item.data, dict):
        message = error or _("expected a ninjs object, found %(kind)s") % {
            "kind": json_kind(item.data)
        }
        _refuse(report, where, message, NO_LANGUAGE, number)
        return None
    language = _language_label(item.data, default_language)
    notes: list[str] = []
    try:
        data = item.data
        if schemas is not None:
            schemas.validate(data)
        else:
            data, notes = repair(data, family(data))
        doc = normalize(data)
        # Before the schema check: other kinds of item never fail a run.
        reason = not_an_article(doc)
        if reason:
            report.not_articles.append((where, reason))
            report.count(language, "skipped")
            report.line(number, where, "skipped", language, reason)
            return None
        if schemas is None and not doc.get("uri"):
            raise NinjsError(_("no “uri” (nor “guid”): the item has nothing to be known by"))
        check(doc)
        text = read_wire_text(doc, default_language=default_language)
        picture = _picture_file(text.picture, item, where, fetch_media, pictures, report)
    except (NinjsError, PictureError) as error:
        _refuse(report, where, str(error), language, number)
        return None
    for warning in (*notes, *text.warnings):
        report.warnings.append((where, warning))
    return Incoming(where, text, picture, number=number)


def _add_incoming(entry: Incoming, seen: dict, incoming: list[Incoming], report) -> None:
    text = entry.text
    key = (text.uri, text.language)
    earlier = seen.get(key)
    if earlier is None:
        seen[key] = entry
        incoming.append(entry)
        return
    if earlier.text.content() == text.content() and earlier.picture == entry.picture:
        reason = _("the same copy as %(where)s: read once") % {"where": earlier.where}
        report.skipped.append((entry.where, reason))
        report.count(text.language, "skipped")
        report.line(entry.number, entry.where, "skipped", text.language, reason)
        return
    _refuse(
        report,
        entry.where,
        _(
            "same uri and language (%(language)s) as %(where)s, "
            "but different content: import one of them"
        )
        % {"language": text.tag, "where": earlier.where},
        text.language,
        entry.number,
    )


def _language_label(data: dict, default_language: str | None) -> str:
    """The row a document is counted in: its site language, else its tag as given."""
    if not isinstance(data, dict):
        return NO_LANGUAGE
    tag = next((v for k, v in data.items() if k.lower() == "language"), None)
    if not tag:
        return default_language or NO_LANGUAGE
    if not isinstance(tag, str) or len(tag) > MAX_TAG_CHARS:
        return NO_LANGUAGE
    return match_language(tag) or tag


def _refuse(report: ImportReport, where: str, message: str, language: str, number: int) -> None:
    report.refused.append((where, message))
    report.count(language, "failed")
    report.line(number, where, "refused", language, message)


def _picture_file(
    picture: PictureRef | None, item: Document, where: str, fetch_media: bool, cache: dict, report
) -> PictureFile | None:
    """The checked file of the article's picture, or None with a warning saying why.

    Every rendition href is checked for where it points, so that a hostile
    href is refused even when a larger rendition would have been used.
    """
    if picture is None:
        return None
    places = [locate(rendition.href, item.base_dir) for rendition in picture.renditions]
    reasons = []
    for place in places:
        key = str(place)
        if key not in cache:
            cache[key] = _load(place, fetch_media)
        found = cache[key]
        if isinstance(found, PictureFile):
            return found
        reasons.append(str(found))
    if not places:
        reasons.append(_("it has no rendition with an href"))
    report.warnings.append(
        (
            where,
            _("picture %(picture)s has no file, imported without it: %(reasons)s")
            % {"picture": picture.label, "reasons": "; ".join(dict.fromkeys(reasons))},
        )
    )
    return None


def _load(place: Path | str, fetch_media: bool) -> PictureFile | MissingPicture:
    """Read and check one rendition's file; PictureError if it is not an acceptable picture."""
    if isinstance(place, str):
        if not fetch_media:
            return MissingPicture(
                _("%(url)s is downloaded only with --fetch-media") % {"url": place}
            )
        try:
            data = fetch(place)
        except MissingPicture as missing:
            return missing
        keep = data
    else:
        if not place.is_file():
            return MissingPicture(_("%(path)s does not exist") % {"path": place})
        data = read_local(place)
        keep = None
    try:
        extension = check_picture(data)
    except PictureError as error:
        raise PictureError(
            _("picture file %(place)s: %(reason)s") % {"place": place, "reason": error}
        ) from None
    return PictureFile(str(place), hashlib.sha256(data).hexdigest(), extension, keep)


# --- Deciding what each language version does -----------------------------------


def _existing_articles(groups: dict[str, list[Incoming]]) -> dict[str, Article]:
    """The stored article of each group's uri, else of a guid its items also carry.

    Superdesk sends `guid` without `uri` until a story has an address, and both
    after: an article first stored under its guid is the same article then.
    """
    guids = {
        item.text.guid: uri for uri, items in groups.items() for item in items if item.text.guid
    }
    wanted = [*groups, *guids]
    by_uri: dict[str, Article] = {}
    for start in range(0, len(wanted), 500):
        for article in Article.objects.filter(uri__in=wanted[start : start + 500]):
            by_uri[article.uri] = article
    found = {uri: by_uri[uri] for uri in groups if uri in by_uri}
    for guid, uri in guids.items():
        if uri not in found and guid in by_uri:
            found[uri] = by_uri[guid]
    return found


def _number(version: str) -> int | None:
    return int(version) if version.isdigit() else None


def _is_newer(incoming: WireText, created: datetime | None, version: str) -> bool | None:
    """Whether `incoming` is a newer version than the stored one; None if nothing tells.

    versionCreated decides when both sides have it and they differ, then a
    numeric `version`; a field both sides have and agree on means "the same".
    """
    if incoming.version_created and created and incoming.version_created != created:
        return incoming.version_created > created
    ours, theirs = _number(incoming.version), _number(version)
    if ours is not None and theirs is not None and ours != theirs:
        return ours > theirs
    if (incoming.version_created and created) or (ours is not None and theirs is not None):
        return False
    if (incoming.version_created or ours is not None) and not (created or theirs is not None):
        return True  # versioned copy over a version written by hand or sent unversioned
    return None


def _decide(item: Incoming, article: Article | None, report: ImportReport) -> None:
    item.action, reason = _action(item.text, article)
    language = item.text.language
    if reason:
        report.skipped.append((item.where, reason))
        report.line(item.number, item.where, "skipped", language, reason)
    else:
        report.line(item.number, item.where, "imported", language, item.action)


def _action(text: WireText, article: Article | None) -> tuple[str, str]:
    """What the language version does (created / updated / skipped), and why it is skipped."""
    exists = article is not None and bool(value_in(article, "title", text.language))
    if not exists:
        if text.pub_status == "canceled":
            return "skipped", _("canceled, and not on the site: nothing to take down")
        return "created", ""
    newer = _is_newer(
        text,
        value_in(article, "wire_version_created", text.language),
        value_in(article, "wire_version", text.language),
    )
    # When the versions cannot be compared, only a different text is news.
    if newer or (newer is None and _text_differs(article, text)):
        return "updated", ""
    return "skipped", _("version %(version)s is not newer than the one on the site: left alone") % {
        "version": text.version or _iso_or_blank(text.version_created)
    }


def _text_differs(article: Article, text: WireText) -> bool:
    if text.pub_status == "canceled":
        return value_in(article, "status", text.language) != Status.UNPUBLISHED
    stored = tuple(value_in(article, name, text.language) for name in ("title", "summary", "body"))
    return stored != (text.title, text.summary, text.body)


def _iso_or_blank(moment: datetime | None) -> str:
    return moment.isoformat() if moment else "?"


def _count_planned(groups, existing, section_slug, report: ImportReport) -> None:
    if any(uri not in existing for uri in groups) and _find_section(section_slug) is None:
        report.sections_created.append(section_slug or DEFAULT_SECTION_SLUG)
    for items in groups.values():
        for item in items:
            report.count(item.text.language, item.action)


# --- Phase 2: write -----------------------------------------------------------


def _write(
    groups, existing, report, section_slug, publish, skip_invalid, written, photos, progress
):
    section: Section | None = None
    slugs = SlugBook(item for items in groups.values() for item in items)
    blank = _blank_article()
    total = len(groups)
    for number, (uri, items) in enumerate(groups.items(), 1):
        if progress:
            progress("write", number, total)
        article = existing.get(uri)
        if article is None and section is None:
            section = _section(section_slug, report)
        if any(item.action in ("created", "updated") for item in items):
            mark = written.mark()
            try:
                # A savepoint per article, so that with skip_invalid one bad
                # article is rolled back alone; none where nothing is written.
                with transaction.atomic():
                    _write_article(
                        uri, items, article, section, publish, slugs, photos, report, written, blank
                    )
            except (ValidationError, PictureError, DatabaseError, EditConflict) as error:
                if not skip_invalid:
                    report.refused.append((items[0].where, _describe(error)))
                    raise NinjsImportError(report) from error
                written.remove(mark)
                # Photos in the cache may carry changes that were just rolled back.
                photos.clear()
                for item in items:
                    _refuse(report, item.where, _describe(error), item.text.language, item.number)
                continue
        for item in items:
            report.count(item.text.language, item.action)


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _find_section(slug: str | None) -> Section | None:
    match = Q()
    for code in LANGUAGE_CODES:
        match |= Q(**{column_name("slug", code): slug or DEFAULT_SECTION_SLUG})
    return Section.objects.filter(match).order_by("position", "pk").first()


def _section(slug: str | None, report: ImportReport) -> Section:
    """The section new articles go to; created (named in the default language) if missing."""
    section = _find_section(slug)
    if section is not None:
        return section
    slug = slug or DEFAULT_SECTION_SLUG
    section = Section(
        **{
            column_name("slug", DEFAULT_LANGUAGE): slug,
            column_name("name", DEFAULT_LANGUAGE): slug.replace("-", " ").capitalize(),
        }
    )
    with translation.override(DEFAULT_LANGUAGE):
        section.full_clean()
        section_save(section=section)
    report.sections_created.append(slug)
    return section


def _blank_article() -> dict:
    """A new article's field values as `Article()` would give them, for `Article(**blank)`.

    modeltranslation works out the default of each of ~200 translated fields
    with that field's language switched on: about 1 ms per new article. The
    constant defaults are worked out once per run instead; the callable ones
    (the update time) and the relations are still left to the model.
    """
    return {
        field.attname: field.get_default()
        for field in Article._meta.concrete_fields
        if not field.primary_key
        and not field.is_relation
        and not (field.has_default() and callable(field.default))
    }


def _write_article(uri, items, article, section, publish, slugs, photos, report, written, blank):
    # The caller writes only articles with something to apply.
    applied = [item for item in items if item.action in ("created", "updated")]
    created = article is None
    if created:
        article = Article(
            **{**blank, "uri": uri, "source_language": applied[0].text.language},
            section=section,
        )
    # The row as the run read it: what the save compares with (no query to read it again).
    before = None if created else StoredArticle.of(article)
    # Stored under its guid before the story had a uri: known by the uri from now on.
    article.uri = uri
    for item in applied:
        _apply(article, item, publish, slugs)
    _attach_picture(article, applied, photos, report, written)
    with translation.override(article.source_language):
        # Field and model validation as in the admin. The unique constraints are
        # left to the database (slugs are chosen free, a clash is an IntegrityError):
        # checking 15 conditional constraints in Python costs a query each.
        # The section and photo are rows this run read or wrote: checking that
        # they exist would cost another query per article.
        article.full_clean(
            exclude=["section", "photo"], validate_unique=False, validate_constraints=False
        )
    # Everything goes into one INSERT (or UPDATE) per article: on PostgreSQL
    # each write of a row recomputes its 14 search index expressions, so a
    # second write would cost as much again. Hence translations are marked
    # against the original's text version as the save will store it, and the
    # wire's time is given to the save rather than written after.
    source = article.source_language
    based_on = text_version_after_save(article, source, before)
    translated = [
        item.text.language
        for item in applied
        if item.text.language != source and item.text.pub_status != "canceled"
    ]
    for language in translated:
        mark_translation(article, language, source=source, origin=Origin.HUMAN, based_on=based_on)
    times = [
        moment
        for code in LANGUAGE_CODES
        if (moment := value_in(article, "wire_version_created", code))
    ]
    with translation.override(article.source_language):
        # Based on the version the run read: an editor's save since is not overwritten.
        article_save(
            article=article,
            actor="import",
            before=before,
            changed_at=max(times) if times else None,
        )


def _apply(article: Article, item: Incoming, publish: bool, slugs: SlugBook) -> None:
    text = item.text

    def get(name):
        return value_in(article, name, text.language)

    def put(name, value):
        setattr(article, column_name(name, text.language), value)

    put("wire_version", text.version[:50])
    put("wire_version_created", text.version_created)
    if text.pub_status == "canceled":
        put("status", Status.UNPUBLISHED)
        return
    is_new = item.action == "created"
    put("title", text.title)
    put("summary", text.summary)
    put("body", text.body)
    put("byline", text.byline)
    if not get("slug"):
        put("slug", slugs.free(article, text.language, text.slug_source))
    if text.published_at and (is_new or get("published_at") is None):
        put("published_at", text.published_at)
    if text.pub_status == "withheld":
        if get("status") == Status.PUBLISHED:
            put("status", Status.UNPUBLISHED)
        elif is_new:
            put("status", Status.DRAFT)
    elif publish:
        # A publication time still to come is a scheduled go-live, as the
        # admin records one: the save service queues its task.
        when = get("published_at")
        put("status", Status.SCHEDULED if when and when > timezone.now() else Status.PUBLISHED)
    elif is_new:
        put("status", Status.DRAFT)
    if text.embargo_until and (
        article.embargo_until is None or text.embargo_until > article.embargo_until
    ):
        # One embargo for every language: the latest one asked for holds.
        article.embargo_until = text.embargo_until
    if text.copyright_holder:
        article.copyright_holder = text.copyright_holder
    if text.copyright_notice:
        article.copyright_notice = text.copyright_notice


class SlugBook:
    """Free slugs for a run's new language versions, as `unique_slug` would choose them.

    Which wished-for slugs are already taken is asked once per language for the
    whole run instead of once per version (7,000 queries less in a big run);
    only a slug that is taken goes to `unique_slug` for its -2, -3… form.
    """

    def __init__(self, items: Iterable[Incoming]) -> None:
        wished: dict[str, set[str]] = defaultdict(set)
        # Each text's base slug, worked out once (a slug costs ~0.1 ms of Python).
        self.bases: dict[str, str] = {}
        for item in items:
            if item.action in ("created", "updated"):
                wished[item.text.language].add(self.base(item.text.slug_source))
        self.taken: dict[str, set[str]] = defaultdict(set)
        for language, bases in wished.items():
            column = column_name("slug", language)
            ordered = sorted(bases)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                found = Article.objects.filter(**{f"{column}__in": chunk})
                self.taken[language].update(found.values_list(column, flat=True))

    def base(self, text: str) -> str:
        slug = self.bases.get(text)
        if slug is None:
            slug = self.bases[text] = slug_from(text) or "item"
        return slug

    def free(self, article: Article, language: str, text: str) -> str:
        slug = self.base(text)
        if slug in self.taken[language]:
            column = column_name("slug", language)
            slug = unique_slug(Article, column, text, exclude_pk=article.pk)
        self.taken[language].add(slug)
        return slug


@dataclass
class RunPhotos:
    """The photos a run has stored or found, and whose texts the feed may change."""

    overwrite_text: bool = False
    found: dict[str, Photo] = field(default_factory=dict)
    # The feed's own: stored by this run, or never edited in the admin since.
    feeds: dict[int, bool] = field(default_factory=dict)

    def get(self, key: str) -> Photo | None:
        return self.found.get(key)

    def add(self, key: str, photo: Photo, *, created: bool) -> None:
        self.found[key] = photo
        if photo.pk not in self.feeds:
            self.feeds[photo.pk] = created or not _edited_in_admin(photo)

    def feed_may_change(self, photo: Photo) -> bool:
        return self.overwrite_text or self.feeds.get(photo.pk, False)

    def clear(self) -> None:
        """Forget everything: photos in memory may carry changes that were rolled back."""
        self.found.clear()
        self.feeds.clear()


def _edited_in_admin(photo: Photo) -> bool:
    """Whether the desk has added or changed `photo` in the admin (its change history)."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Photo),
        object_id=str(photo.pk),
        action_flag__in=(ADDITION, CHANGE),
    ).exists()


def _attach_picture(article, applied, photos: RunPhotos, report, written) -> None:
    """The article's photo from the first picture; captions from every language's copy."""
    changed: dict[int, Photo] = {}
    for item in applied:
        picture, ref = item.picture, item.text.picture
        if picture is None or ref is None:
            continue
        key = ref.uri or picture.sha256
        photo = photos.get(key)
        if photo is None:
            photo, created = store_picture(
                picture=picture,
                uri=ref.uri,
                credit=ref.credit,
                copyright_holder=ref.copyright_holder,
                written=written,
            )
            photos.add(key, photo, created=created)
            report.photos_created += created
        language = item.text.language
        if article.photo_id not in (None, photo.pk) and language != article.source_language:
            report.warnings.append(
                (
                    item.where,
                    _("the article already has another photo; picture %(picture)s not used")
                    % {"picture": ref.label},
                )
            )
            continue
        article.photo = photo
        incoming = {
            column_name("caption", language): (
                ref.caption,
                _("caption (%(code)s)") % {"code": language},
            ),
            column_name("alt_text", language): (
                ref.alt_text,
                _("alt text (%(code)s)") % {"code": language},
            ),
            "credit": (ref.credit, _("credit")),
            "copyright_holder": (
                ref.copyright_holder or photo.copyright_holder,
                _("copyright holder"),
            ),
        }
        texts = {name: value for name, (value, _label) in incoming.items()}
        if not photos.feed_may_change(photo):
            # Edited by the desk: the feed fills in what is empty and changes nothing else.
            kept = [
                name for name, value in texts.items() if (getattr(photo, name) or value) != value
            ]
            texts = {name: value for name, value in texts.items() if not getattr(photo, name)}
            if kept:
                report.photo_texts_kept.append(
                    (
                        item.where,
                        _("photo %(picture)s was edited by the desk; left as they are: %(fields)s")
                        % {
                            "picture": ref.label,
                            "fields": ", ".join(incoming[name][1] for name in kept),
                        },
                    )
                )
        for name, value in texts.items():
            # Translated texts may be NULL (none yet) or "" (none).
            if (getattr(photo, name) or "") != value:
                setattr(photo, name, value)
                changed[photo.pk] = photo
    # Once per photo, with every language's caption: not once per language version.
    for photo in changed.values():
        photo_save(photo=photo)
