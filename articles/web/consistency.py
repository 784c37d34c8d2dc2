"""Does every public surface agree with the one availability rule?

`manage.py check_i18n_seo` crawls the site through its own request handler,
in-process (no server needed: `Pages`), and compares what each surface says about each article with
the rule itself (`article.languages`, `article.get_absolute_url(code)`):

- which addresses are public language versions (nothing else may be linked),
- in which language each version is (hreflang, `og:locale`, feed language),
- in which languages the article is public (switcher, hreflang, sitemap
  alternates, `og:locale:alternate`, JSON-LD translation links),
- where x-default points, and which versions a surface must list at all
  (sitemaps: all of them; feeds: the newest; the news sitemap: the recent).

A surface is one function decorated with `@surface(...)` that fetches pages
and yields `Seen` statements (and `Problem`s for checks only it can make).
The engine does the comparing, so a new surface is one function (see
`ninjs_api` at the end for one).
"""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from wsgiref.util import setup_testing_defaults

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.urls import reverse
from django.utils import timezone, translation

from articles.domain.languages import (
    LANGUAGE_CODES,
    NEWS_SITEMAP_LANGUAGES,
    OG_LOCALES,
    match_language,
    value_in,
)
from articles.models import Article, Section
from articles.web.feeds import FEED_SIZE
from articles.web.sitemaps import NEWS_WINDOW
from articles.web.versions import article_versions, published_at

Version = tuple[int, str]  # (article pk, language code)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FROM_OG_LOCALE = {locale: code for code, locale in OG_LOCALES.items()}
_FROM_NEWS_LANGUAGE = {news: code for code, news in NEWS_SITEMAP_LANGUAGES.items()}


@dataclass(frozen=True)
class Seen:
    """What a surface says about one language version.

    `language`: the language it says the version is in (None: not stated).
    `alternates`: the languages it says the article is public in, each with the
    URL it gives (None where the surface gives none); None: not stated.
    `x_default`: the x-default URL it gives (None: not stated).
    """

    where: str
    url: str
    language: str | None = None
    alternates: dict[str, str | None] | None = None
    x_default: str | None = None


class CrawlRefused(Exception):
    """The site refuses the crawler altogether (a host it does not serve)."""


@dataclass(frozen=True)
class Problem:
    where: str
    message: str


@dataclass
class Truth:
    """The rule's answer for every article, keyed the ways surfaces need."""

    root: str
    articles: dict[int, Article] = field(default_factory=dict)
    urls: dict[Version, str] = field(default_factory=dict)
    by_url: dict[str, Version] = field(default_factory=dict)
    x_default: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, root: str) -> Truth:
        truth = cls(root)
        for article in Article.objects.select_related("section"):
            truth.articles[article.pk] = article
            for code in article.languages:
                url = root + article.get_absolute_url(code)
                truth.urls[(article.pk, code)] = url
                truth.by_url[_normal(url)] = (article.pk, code)
            if article.languages:
                truth.x_default[article.pk] = root + article_versions(article).x_default_path
        return truth

    def languages(self, pk: int) -> list[str]:
        return [code for code in LANGUAGE_CODES if (pk, code) in self.urls]

    def source_url(self, pk: int) -> str | None:
        return self.urls.get((pk, self.articles[pk].source_language))


def _normal(url: str) -> str:
    # Django percent-encodes non-ASCII slugs; compare the decoded form.
    return unquote(url)


# --- Surfaces --------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    name: str
    crawl: Callable[[Crawl], Iterable[Seen | Problem]]
    covers: Callable[[Crawl], set[Version]] | None


SURFACES: list[Surface] = []


def surface(name: str, covers: Callable[[Crawl], set[Version]] | None = None):
    """Register a surface; `covers` names the versions it must list at least once."""

    def register(function):
        SURFACES.append(Surface(name, function, covers))
        return function

    return register


def every_public_version(crawl: Crawl) -> set[Version]:
    return set(crawl.truth.urls)


def newest_per_language(crawl: Crawl) -> set[Version]:
    return {
        (pk, code)
        for code in LANGUAGE_CODES
        for pk in Article.objects.public_in(code).values_list("pk", flat=True)[:FEED_SIZE]
    }


def recently_published(crawl: Crawl) -> set[Version]:
    since = timezone.now() - NEWS_WINDOW
    return {
        (pk, code)
        for (pk, code) in crawl.truth.urls
        if published_at(crawl.truth.articles[pk], code) >= since
    }


@dataclass(frozen=True)
class Fetched:
    status_code: int
    content: bytes


class Pages:
    """The site's own pages, asked of its request handler in this process.

    The whole middleware stack and URL configuration answer, as they would
    behind a server. Not a server itself: the request_started and
    request_finished signals, with which a server closes each request's
    database connection, are not sent, so the crawl keeps the one connection
    (and transaction) it runs in.
    """

    def __init__(self, host: str, *, secure: bool) -> None:
        self.host = host
        self.scheme = "https" if secure else "http"
        self.handler = WSGIHandler()

    def get(self, path: str, query: str = "") -> Fetched:
        environ = {
            "REQUEST_METHOD": "GET",
            # WSGI gives the path decoded, each byte one latin-1 character.
            "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
            "QUERY_STRING": query,
            "HTTP_HOST": self.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": self.scheme,
        }
        setup_testing_defaults(environ)  # the rest of a valid WSGI environ
        response = self.handler.get_response(WSGIRequest(environ))
        if response.streaming:
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        return Fetched(response.status_code, content)


class Crawl:
    """One run: the pages, the truth, the scope, and helpers surfaces share."""

    def __init__(self, *, everything: bool = False, limit: int = 100):
        base = settings.NEWSROOM_BASE_URL
        if base:
            parts = urlsplit(base)
            host, secure = parts.netloc, parts.scheme == "https"
        else:
            host, secure = _a_served_host(), False
        self.pages = Pages(host, secure=secure)
        self.root = f"{'https' if secure else 'http'}://{host}"
        self.everything = everything
        self.truth = Truth.build(self.root)
        pks = sorted(self.truth.articles, reverse=True)
        self.scope = pks if everything else pks[:limit]
        self.fetched = 0

    def get(self, path_or_url: str) -> Fetched:
        parts = urlsplit(path_or_url)
        self.fetched += 1
        return self.pages.get(parts.path, parts.query)

    def get_json(self, path_or_url: str):
        return json.loads(self.get(path_or_url).content)

    def absolute(self, href: str) -> str:
        return href if urlsplit(href).scheme else self.root + href

    def version(self, url: str) -> Version | None:
        return self.truth.by_url.get(_normal(url))


def _a_served_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host != "*" and "*" not in host:
            return host.lstrip(".")
    return "localhost"


def _xml(response, where: str) -> tuple[ET.Element | None, Problem | None]:
    if response.status_code != 200:
        return None, Problem(where, f"answers {response.status_code}")
    try:
        return ET.fromstring(response.content), None  # noqa: S314 - our own responses
    except ET.ParseError as error:
        return None, Problem(where, f"is not well-formed XML ({error})")


@surface("article pages", covers=None)
def article_pages(crawl: Crawl) -> Iterator[Seen | Problem]:
    """Each public version's page: switcher, hreflang, og:locale, JSON-LD, feed links."""
    for pk in crawl.scope:
        article = crawl.truth.articles[pk]
        for code in LANGUAGE_CODES:
            url = crawl.truth.urls.get((pk, code))
            if url is None:
                yield from _hidden_version(crawl, article, code)
            else:
                yield from _page(crawl, pk, code, url)


def _hidden_version(crawl: Crawl, article: Article, code: str) -> Iterator[Problem]:
    """A language the article is not public in must not answer, even with a slug."""
    slug = value_in(article, "slug", code)
    if not slug:
        return
    with translation.override(code):
        path = reverse("articles:article", kwargs={"slug": slug})
    status = crawl.get(path).status_code
    if status != 404:
        yield Problem(path, f"answers {status}, but article #{article.pk} is not public in {code}")


def _page(crawl: Crawl, pk: int, code: str, url: str) -> Iterator[Seen | Problem]:
    where = _normal(urlsplit(url).path)
    response = crawl.get(url)
    if response.status_code != 200:
        yield Problem(where, f"answers {response.status_code}, but the version is public")
        return
    page = BeautifulSoup(response.content, "html.parser")

    switcher = {
        a["hreflang"]: crawl.absolute(a["href"])
        for a in page.select("nav.language-switcher a[hreflang]")
    }
    yield Seen(f"{where} (switcher)", url, code if code in switcher else None, switcher)

    hreflang = {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate", hreflang=True)
    }
    x_default = hreflang.pop("x-default", None)
    if x_default is None:
        yield Problem(where, "has no hreflang x-default")
    yield Seen(f"{where} (hreflang)", url, None, hreflang, x_default)

    canonical = page.find("link", rel="canonical")
    if canonical is None or _normal(canonical["href"]) != _normal(url):
        yield Problem(where, "has no canonical link to itself")

    og = _meta(page, "og:locale")
    locale = _FROM_OG_LOCALE.get(og[0]) if og else None
    alternates = {
        _FROM_OG_LOCALE.get(value, value): None for value in _meta(page, "og:locale:alternate")
    }
    if locale:
        alternates[locale] = None
    og_url = _meta(page, "og:url")
    yield Seen(f"{where} (OpenGraph)", og_url[0] if og_url else "", locale, alternates)

    yield from _json_ld(crawl, page, where, pk, url)

    feed_types = {link.get("type") for link in page.find_all("link", rel="alternate")}
    for feed_type in ("application/rss+xml", "application/atom+xml"):
        if feed_type not in feed_types:
            yield Problem(where, f"has no {feed_type} autodiscovery link")


def _meta(page: BeautifulSoup, prop: str) -> list[str]:
    return [tag.get("content", "") for tag in page.find_all("meta", property=prop)]


def _json_ld(crawl: Crawl, page, where: str, pk: int, url: str) -> Iterator[Seen | Problem]:
    scripts = page.find_all("script", type="application/ld+json")
    if len(scripts) != 1:
        yield Problem(where, f"has {len(scripts)} JSON-LD scripts, not 1")
        return
    try:
        data = json.loads(scripts[0].string or "")
    except ValueError:
        yield Problem(where, "has JSON-LD that is not valid JSON")
        return
    where = f"{where} (JSON-LD)"
    # The source-language version lists the translations; the others point to it.
    source_url = crawl.truth.source_url(pk)
    if source_url and _normal(url) == _normal(source_url):
        linked = {ref.get("inLanguage"): ref.get("url") for ref in data.get("workTranslation", [])}
        linked[data.get("inLanguage")] = data.get("url")
        yield Seen(where, data.get("url", ""), data.get("inLanguage"), linked)
        return
    yield Seen(where, data.get("url", ""), data.get("inLanguage"))
    said = (data.get("translationOfWork") or {}).get("url")
    if _normal(said or "") != _normal(source_url or ""):
        yield Problem(where, f"translationOfWork is {said!r}, expected {source_url!r}")
    if "workTranslation" in data:
        yield Problem(where, "lists workTranslation on a version that is not the original")


@surface("sitemaps", covers=every_public_version)
def sitemaps(crawl: Crawl) -> Iterator[Seen | Problem]:
    """robots.txt → sitemap index → every article sitemap page."""
    robots = crawl.get("/robots.txt").content.decode()
    named = {
        line.split(":", 1)[1].strip() for line in robots.splitlines() if line.startswith("Sitemap:")
    }
    for name in ("sitemap_index", "news_sitemap"):
        if crawl.absolute(reverse(name)) not in named:
            yield Problem("/robots.txt", f"does not name {reverse(name)}")
    index, problem = _xml(crawl.get(reverse("sitemap_index")), reverse("sitemap_index"))
    if problem:
        yield problem
        return
    for loc in index.iterfind(f"{{{SITEMAP_NS}}}sitemap/{{{SITEMAP_NS}}}loc"):
        location = loc.text or ""
        if "/sitemaps/articles-" not in location:
            continue
        where = urlsplit(location).path + (
            f"?{urlsplit(location).query}" if urlsplit(location).query else ""
        )
        urlset, problem = _xml(crawl.get(location), where)
        if problem:
            yield problem
            continue
        for entry in urlset.iterfind(f"{{{SITEMAP_NS}}}url"):
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in entry.iterfind(f"{{{XHTML_NS}}}link")
            }
            x_default = alternates.pop("x-default", None)
            if x_default is None:
                yield Problem(
                    where, f"gives no x-default for {entry.findtext(f'{{{SITEMAP_NS}}}loc')}"
                )
            if not entry.findtext(f"{{{SITEMAP_NS}}}lastmod"):
                yield Problem(
                    where, f"gives no lastmod for {entry.findtext(f'{{{SITEMAP_NS}}}loc')}"
                )
            yield Seen(
                where, entry.findtext(f"{{{SITEMAP_NS}}}loc", ""), None, alternates, x_default
            )


@surface("news sitemap", covers=recently_published)
def news_sitemap(crawl: Crawl) -> Iterator[Seen | Problem]:
    where = reverse("news_sitemap")
    urlset, problem = _xml(crawl.get(where), where)
    if problem:
        yield problem
        return
    for entry in urlset.iterfind(f"{{{SITEMAP_NS}}}url"):
        news_language = entry.findtext(
            f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language"
        )
        language = _FROM_NEWS_LANGUAGE.get(news_language or "", f"unknown ({news_language})")
        yield Seen(where, entry.findtext(f"{{{SITEMAP_NS}}}loc", ""), language)


def _feed_paths(crawl: Crawl) -> Iterator[tuple[str, str]]:
    """(language, path) of every feed to read: the site's, and with --all each section's."""
    sections = list(Section.objects.all()) if crawl.everything else []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            names = [("articles:feed_rss", None), ("articles:feed_atom", None)]
            for section in sections:
                slug = value_in(section, "slug", code)
                if slug and value_in(section, "name", code):
                    names += [
                        ("articles:section_feed_rss", slug),
                        ("articles:section_feed_atom", slug),
                    ]
            for name, slug in names:
                yield code, reverse(name, args=[slug] if slug else [])


@surface("feeds", covers=newest_per_language)
def feeds(crawl: Crawl) -> Iterator[Seen | Problem]:
    for code, path in _feed_paths(crawl):
        document, problem = _xml(crawl.get(path), path)
        if problem:
            yield problem
            continue
        if document.tag == "rss":
            stated = document.findtext("channel/language")
            links = [item.findtext("link", "") for item in document.iterfind("channel/item")]
        else:
            stated = document.get(XML_LANG)
            links = [
                entry.find(f"{{{ATOM_NS}}}link[@rel='alternate']").get("href", "")
                for entry in document.iterfind(f"{{{ATOM_NS}}}entry")
            ]
        if stated != code:
            yield Problem(path, f"declares language {stated!r}, expected {code!r}")
        for link in links:
            yield Seen(path, link, code)


# --- The engine -------------------------------------------------------------------


def _compare(crawl: Crawl, seen: Seen) -> Iterator[Problem]:
    version = crawl.version(seen.url)
    if version is None:
        yield Problem(
            seen.where, f"links to {seen.url or '(nothing)'}, which is not a public version"
        )
        return
    pk, code = version
    if seen.language is not None and seen.language != code:
        yield Problem(seen.where, f"says {seen.url} is in {seen.language!r}, but it is {code!r}")
    if seen.alternates is not None:
        expected = crawl.truth.languages(pk)
        missing = [c for c in expected if c not in seen.alternates]
        extra = sorted(set(seen.alternates) - set(expected), key=str)
        if missing or extra:
            yield Problem(
                seen.where,
                f"article #{pk} is public in {expected}; missing {missing}, not public {extra}",
            )
        for alt_code, alt_url in seen.alternates.items():
            truth_url = crawl.truth.urls.get((pk, alt_code))
            if alt_url is not None and truth_url and _normal(alt_url) != _normal(truth_url):
                yield Problem(seen.where, f"gives {alt_url} for {alt_code}, expected {truth_url}")
    if seen.x_default is not None and _normal(seen.x_default) != _normal(crawl.truth.x_default[pk]):
        yield Problem(
            seen.where, f"x-default is {seen.x_default}, expected {crawl.truth.x_default[pk]}"
        )


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    versions: int = 0
    fetched: int = 0
    surfaces: list[str] = field(default_factory=list)


def check(*, everything: bool = False, limit: int = 100) -> Report:
    """Crawl every registered surface and report each disagreement with the rule."""
    # The crawl asks for hidden versions on purpose; their 404s are not news.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        return _check(everything, limit)
    finally:
        request_log.setLevel(level)


def _check(everything: bool, limit: int) -> Report:
    crawl = Crawl(everything=everything, limit=limit)
    if crawl.get("/robots.txt").status_code == 400:
        raise CrawlRefused(
            f"The site answers 400 to {crawl.root}: add its host to DJANGO_ALLOWED_HOSTS "
            "or set NEWSROOM_BASE_URL to an address it serves."
        )
    report = Report(versions=len(crawl.truth.urls))
    for registered in SURFACES:
        report.surfaces.append(registered.name)
        listed: set[Version] = set()
        for statement in registered.crawl(crawl):
            if isinstance(statement, Problem):
                report.problems.append(statement)
                continue
            report.problems.extend(_compare(crawl, statement))
            version = crawl.version(statement.url)
            if version:
                listed.add(version)
        if registered.covers is not None:
            for pk, code in sorted(registered.covers(crawl) - listed):
                report.problems.append(
                    Problem(registered.name, f"does not list {crawl.truth.urls[(pk, code)]}")
                )
    report.fetched = crawl.fetched
    return report


@surface("ninjs API", covers=every_public_version)
def ninjs_api(crawl: Crawl) -> Iterator[Seen | Problem]:
    """Every page of /api/ninjs/<lang>/: each document's web address and language."""
    for code in LANGUAGE_CODES:
        path = reverse("ninjs:list", args=[code])
        while path:
            response = crawl.get(path)
            if response.status_code != 200:
                yield Problem(path, f"answers {response.status_code}")
                break
            data = json.loads(response.content)
            where = urlsplit(path).path
            for item in data.get("items", []):
                web = next(
                    (r.get("href") for r in item.get("renditions", []) if r.get("name") == "web"),
                    None,
                )
                if not web:
                    yield Problem(where, f"document {item.get('uri')} has no web address")
                    continue
                yield Seen(where=where, url=web, language=match_language(item.get("language")))
            path = data.get("next")
