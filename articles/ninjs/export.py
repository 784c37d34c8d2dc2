"""Public language versions out as ninjs 3.1: `ninjs_export` picks and writes them,
`to_ninjs` writes one document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from articles.domain.languages import value_in
from articles.models import Article, Photo
from articles.photos.specs import ENCODINGS
from articles.web.versions import modified_at

NINJS_VERSION = "3.1"
NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"


@dataclass(frozen=True)
class Exported:
    """One exported language version; `document` is None when only counting."""

    language: str
    article_id: int
    document: dict[str, Any] | None


def ninjs_export(
    *,
    languages: Iterable[str],
    base_url: str,
    since: datetime | None = None,
    documents: bool = True,
) -> Iterator[Exported]:
    """Every public version in `languages`, language by language, as ninjs documents.

    Only what readers may see (`Article.objects.public_in`); with `since`, only
    versions changed at or after it. `base_url` (the site's address) makes the
    links absolute; `documents=False` counts without writing a document.
    """
    site = urlsplit(base_url).hostname or "localhost"

    def absolute(path: str) -> str:
        return urljoin(base_url, path)

    for language in languages:
        articles = Article.objects.public_in(language).for_export(language)
        if since:
            articles = articles.changed_since(since, language)
        for article in articles.iterator(chunk_size=200):
            document = (
                to_ninjs(article, language, absolute=absolute, site=site) if documents else None
            )
            yield Exported(language=language, article_id=article.pk, document=document)


# --- Writing a document ----------------------------------------------------------


def bcp47(code: str) -> str:
    """The site's code as a BCP 47 tag, script subtag in title case (zh-Hans)."""
    primary, _sep, rest = code.partition("-")
    return f"{primary}-{rest.title()}" if len(rest) == 4 else code


def to_ninjs(
    article: Article, language: str, *, absolute: Callable[[str], str], site: str
) -> dict[str, Any]:
    """A ninjs 3.1 document for `language`'s version of `article`.

    `absolute` turns a site path into a full URL; `site` (a host name) makes
    identifiers for articles and photos that came without a wire URI.
    Call only for public language versions (`Article.objects.public_in`).
    """

    def value(name: str) -> Any:
        return value_in(article, name, language)

    body = value("body")
    document: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
        "uri": article.uri or f"urn:newsroom:{site}:article:{article.pk}",
        "type": "text",
        "representationType": "full",
        # Copy from the wire keeps the agency's version of its uri, so that importing
        # the export again finds the same version; the desk's own copy counts its edits.
        "version": value("wire_version") or str(value("text_version") or 1),
        "firstCreated": _iso(value("published_at")),
        "versionCreated": _iso(modified_at(article, language)),
        "pubStatus": "usable",
        "language": bcp47(language),
        "slugline": value("slug"),
        "headlines": [{"role": "main", "contentType": "text/plain", "value": value("title")}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": body}],
        "renditions": [
            {
                "name": "web",
                "href": absolute(article.get_absolute_url(language)),
                "contentType": "text/html",
            }
        ],
    }
    if article.embargo_until:
        document["embargoedUntil"] = _iso(article.embargo_until)
    if value("summary"):
        document["descriptions"] = [
            {"role": "summary", "contentType": "text/plain", "value": value("summary")}
        ]
    corrections = getattr(article, "page_corrections", None)
    if corrections is None:
        corrections = article.corrections.filter(language=language)
    if corrections:
        # ninjs has no field of its own for corrections: a description role says it.
        document.setdefault("descriptions", []).extend(
            {
                "role": "correction",
                "contentType": "text/plain",
                "value": f"{_iso(c.created_at)}: {c.note}",
            }
            for c in corrections
        )
    byline = value("byline") or ", ".join(author.name for author in article.authors.all())
    if byline:
        document["by"] = byline
    if article.section_id and value_in(article.section, "name", language):
        document["subjects"] = [
            {"name": value_in(article.section, "name", language), "rel": "section"}
        ]
    for name, attribute in (
        ("copyrightHolder", "copyright_holder"),
        ("copyrightNotice", "copyright_notice"),
    ):
        if getattr(article, attribute):
            document[name] = getattr(article, attribute)
    # A photo whose rights have expired leaves every surface, exports included.
    if article.photo_id and article.photo.rights_current():
        document["associations"] = [
            _picture_association(article.photo, language, absolute=absolute, site=site)
        ]
    return document


def _picture_association(
    photo: Photo, language: str, *, absolute: Callable[[str], str], site: str
) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": "mainpic",
        "rel": "mainpic",
        "uri": photo.uri or f"urn:newsroom:{site}:photo:{photo.pk}",
        "type": "picture",
        "by": photo.credit,
        "renditions": [
            {
                "name": f"{rendition.spec}-{rendition.format}",
                "href": absolute(rendition.file.url),
                "contentType": ENCODINGS[rendition.format].mime_type,
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition in photo.renditions.all()
            if rendition.file
        ],
    }
    if photo.copyright_holder:
        association["copyrightHolder"] = photo.copyright_holder
    descriptions = []
    if value_in(photo, "caption", language):
        descriptions.append(
            {
                "role": "caption",
                "contentType": "text/plain",
                "value": value_in(photo, "caption", language),
            }
        )
    if value_in(photo, "alt_text", language):
        descriptions.append(
            {
                "role": "alt",
                "contentType": "text/plain",
                "value": value_in(photo, "alt_text", language),
            }
        )
    if descriptions:
        association["descriptions"] = descriptions
    return association


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
