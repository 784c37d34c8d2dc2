"""RSS 2.0 and Atom feeds per language, for the whole site and per section.

A feed lists the newest public versions in its URL's language only, with the
lead photo as an enclosure plus a Media RSS element carrying the caption (in
that language) and the credit. The shared policy lives in `LatestFeed`; the
four feeds are that class crossed with a scope (site or section) and a format.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

from articles.domain.addresses import article_path
from articles.domain.languages import column_name, value_in
from articles.models import Article, Rendition, Section
from articles.photos.pictures import rendition_url
from articles.selectors.page_rows import article_page
from articles.web.seo import lead_rendition
from articles.web.site import absolute_url, publisher_name
from articles.web.versions import modified_at, published_at

FEED_SIZE = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"


# --- Generators: RSS and Atom plus Media RSS ---------------------------------------


class _MediaRSSMixin:
    """Adds <media:content> with caption, credit and copyright to each item."""

    def _add_media_namespace(self, attributes: dict) -> dict:
        return {**attributes, "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        media = item.get("media")
        if not media:
            return
        handler.startElement(
            "media:content",
            {
                "url": media["url"],
                "type": "image/jpeg",
                "medium": "image",
                "width": str(media["width"]),
                "height": str(media["height"]),
            },
        )
        if media["caption"]:
            handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
        handler.addQuickElement("media:credit", media["credit"])
        if media["copyright"]:
            handler.addQuickElement("media:copyright", media["copyright"])
        handler.endElement("media:content")


class RssWithMedia(_MediaRSSMixin, Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return self._add_media_namespace(super().rss_attributes())


class AtomWithMedia(_MediaRSSMixin, Atom1Feed):
    def root_attributes(self) -> dict:
        return self._add_media_namespace(super().root_attributes())


# --- What a feed is about ------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """One feed request: its language, its section (or None) and its site address."""

    language: str
    section: Section | None
    request: HttpRequest


@dataclass(frozen=True)
class Entry:
    """One item: an article seen in the feed's language."""

    article: Article
    scope: Scope

    @property
    def language(self) -> str:
        return self.scope.language

    def text(self, obj: object, field: str) -> str:
        return getattr(obj, column_name(field, self.language), "") or ""


def _file_size(lead: Rendition) -> int:
    # RSS requires a length; 0 means unknown and is better than a 500.
    try:
        return lead.file.size
    except OSError:
        return 0


class LatestFeed(Feed):
    """The newest public versions in the active language (RSS 2.0)."""

    feed_type = RssWithMedia

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Scope:
        return Scope(translation.get_language(), None, request)

    def _articles(self, scope: Scope):
        return Article.objects.public_in(scope.language).for_page(scope.language)

    def items(self, scope: Scope) -> list[Entry]:
        return [Entry(article, scope) for article in self._articles(scope)[:FEED_SIZE]]

    # Feed-level
    def title(self, scope: Scope) -> str:
        return f"{publisher_name()} · {gettext('Latest news')}"

    def description(self, scope: Scope) -> str:
        return self.title(scope)

    def link(self, scope: Scope) -> str:
        return absolute_url(self._page_path(scope), scope.request)

    def feed_url(self, scope: Scope) -> str:
        return absolute_url(scope.request.path, scope.request)

    def feed_copyright(self, scope: Scope) -> str:
        return f"© {publisher_name()}"

    def _page_path(self, scope: Scope) -> str:
        return reverse("articles:front")

    # Item-level
    def item_title(self, entry: Entry) -> str:
        return entry.text(entry.article, "title")

    def item_description(self, entry: Entry) -> str:
        # RSS descriptions and Atom summaries (type="html") are read as HTML;
        # the summary is plain text.
        return escape(entry.text(entry.article, "summary"))

    def item_link(self, entry: Entry) -> str:
        slug = value_in(entry.article, "slug", entry.language)
        return absolute_url(article_path(entry.language, slug), entry.scope.request)

    def item_author_name(self, entry: Entry) -> str | None:
        names = [author.name for author in article_page(entry.article).authors]
        return ", ".join(names) or None

    def item_pubdate(self, entry: Entry):
        return published_at(entry.article, entry.language)

    def item_updateddate(self, entry: Entry):
        return modified_at(entry.article, entry.language)

    def item_categories(self, entry: Entry) -> list[str]:
        name = entry.text(entry.article.section, "name")
        return [name] if name else []

    def item_enclosures(self, entry: Entry) -> list[Enclosure]:
        lead = lead_rendition(entry.article)
        if lead is None:
            return []
        url = absolute_url(rendition_url(lead), entry.scope.request)
        return [Enclosure(url, str(_file_size(lead)), "image/jpeg")]

    def item_extra_kwargs(self, entry: Entry) -> dict:
        lead = lead_rendition(entry.article)
        if lead is None:
            return {}
        photo = entry.article.photo
        return {
            "media": {
                "url": absolute_url(rendition_url(lead), entry.scope.request),
                "width": lead.width,
                "height": lead.height,
                "caption": entry.text(photo, "caption"),
                "credit": photo.credit,
                "copyright": photo.copyright_holder,
            }
        }


class SectionFeed(LatestFeed):
    """The newest public versions of one section, in the active language."""

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Scope:
        language = translation.get_language()
        section = (
            Section.objects.named_in(language)
            .filter(**{column_name("slug", language): slug})
            .first()
        )
        if section is None:
            raise Http404
        return Scope(language, section, request)

    def _articles(self, scope: Scope):
        return super()._articles(scope).filter(section=scope.section)

    def title(self, scope: Scope) -> str:
        return f"{publisher_name()} · {scope.section.name}"

    def _page_path(self, scope: Scope) -> str:
        return scope.section.get_absolute_url()


class LatestAtomFeed(LatestFeed):
    feed_type = AtomWithMedia
    subtitle = LatestFeed.description


class SectionAtomFeed(SectionFeed):
    feed_type = AtomWithMedia
    subtitle = SectionFeed.description
