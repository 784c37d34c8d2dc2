"""Hostile text in every field editors write stays text on every surface that shows it.

Each payload goes into the article's title, summary, body, byline and copyright
notice, the lead photo's caption, alt text, credit and copyright holder, the
section's, tag's and author's names and a correction note; then every page,
feed, sitemap, API and admin screen that shows them is read back. In HTML the
payload may only appear escaped (BeautifulSoup reads it back as text, never as
an element, attribute or comment); in XML and JSON it parses back as the same
plain string. Slugs are the exception: the slug validator refuses markup, and
that refusal must be a form error, not a 500.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from itertools import cycle

import pytest
from bs4 import BeautifulSoup, Comment
from django.core.files.base import ContentFile
from django.urls import reverse

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.models import Article, Correction
from tests.admin.test_articles import form_data
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    jpeg_bytes,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "\u202eevil txt.exe",
    "{{ 7*7 }}",
    "<!--",
]
LANGUAGES = ["pt", "zh-hans"]

# Every (payload, language) pair; ids stay readable in pytest's output.
CASES = [
    pytest.param(payload, language, id=f"{number}-{language}")
    for number, payload in enumerate(PAYLOADS)
    for language in LANGUAGES
]
# Each payload once, the languages taking turns: for surfaces whose escaping
# does not depend on the language (XML, JSON, the admin, which shows all 14
# languages on every screen and costs a second a case).
EACH_PAYLOAD_ONCE = [
    pytest.param(payload, language, id=f"{number}-{language}")
    for number, (payload, language) in enumerate(zip(PAYLOADS, cycle(LANGUAGES)))
]

# Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "xlink:href", "data")
EXECUTABLE_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")


# --- the data ---------------------------------------------------------------


def hostile_article(payload: str, language: str) -> Article:
    """A public article whose every editor-written text in `language` is `payload`."""
    section = SectionFactory()
    setattr(section, column_name("name", language), payload)
    section.save()
    tag = TagFactory()
    setattr(tag, column_name("name", language), payload)
    tag.save()
    author = AuthorFactory(name=payload)
    photo = PhotoFactory(image=small_jpeg(), credit=payload, copyright_holder=payload)
    setattr(photo, column_name("caption", language), payload)
    setattr(photo, column_name("alt_text", language), payload)
    photo.save()
    article = ArticleFactory(languages=(language,), section=section, photo=photo)
    setattr(article, column_name("title", language), payload)
    setattr(article, column_name("summary", language), payload)
    setattr(article, column_name("byline", language), payload)
    # The body keeps a word of its own, or the sanitizer could leave it empty
    # (and an article without a body is not public).
    setattr(article, column_name("body", language), hostile_body(payload))
    article.copyright_notice = payload
    article.save()
    article.tags.add(tag)
    article.authors.add(author)
    Correction.objects.create(article=article, language=language, note=payload)
    return article


def small_jpeg() -> ContentFile:
    """Just wide enough for every rendition, and quicker to encode than the default."""
    return ContentFile(jpeg_bytes(420, 260), name="lead.jpg")


def hostile_body(payload: str) -> str:
    return (
        f"<p>Bodytext {payload}</p>{payload}"
        '<p><a href="javascript:alert(1)">link</a> <a href=" JaVaScRiPt:alert(1)">two</a>'
        '<a href="http://example.org/" onclick="alert(1)">three</a></p>'
        '<img src=x onerror="alert(1)"><iframe src="javascript:alert(1)"></iframe>'
        "<style>*{}</style><p style=\"background:url('javascript:alert(1)')\">s</p>"
    )


@pytest.fixture
def admin_client(client, django_user_model):
    """A superuser without a password: hashing one would cost a second per test."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", None)
    client.force_login(user)
    return client


@pytest.fixture
def base_url(settings):
    settings.NEWSROOM_BASE_URL = "http://testserver"


# --- what "inert" means -----------------------------------------------------


def assert_inert_html(raw: str, payload: str, where: str, shown: bool = True) -> BeautifulSoup:
    """`raw` HTML has no markup from `payload`; with `shown`, it shows it as text."""
    for fragment in (
        "<script>alert(1)</script>",
        "<img src=x onerror",
        "onerror=alert(1)>",
        "<svg onload",
        "</script><script>",
    ):
        assert fragment not in raw, f"{where}: raw {fragment!r}"
    soup = BeautifulSoup(raw, "html.parser")
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind in EXECUTABLE_SCRIPT_TYPES:
            assert "alert(1)" not in script.get_text(), f"{where}: executable script {script}"
        else:
            assert "alert" not in kind, where
    for element in soup.find_all(True):
        assert element.name not in ("svg", "iframe") or "alert" not in str(element), where
        if element.name == "img":
            assert element.get("src") != "x", f"{where}: payload became an <img>: {element}"
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: {name}= on {element.name}"
            if name.lower() in URL_ATTRIBUTES:
                values = value if isinstance(value, list) else [value]
                for v in values:
                    cleaned = "".join(v.split()).lower()
                    assert not cleaned.startswith("javascript:"), f"{where}: {name}={v!r}"
    if payload == "<!--":
        comments = [c for c in soup.find_all(string=lambda t: isinstance(t, Comment))]
        assert not [c for c in comments if "alert" in c or len(c) > 2000], where
    if shown:
        # Decoded text and attribute values: where escaped text reads back as itself.
        texts = [str(s) for s in soup.find_all(string=True) if not isinstance(s, Comment)]
        values = "\n".join(str(v) for e in soup.find_all(True) for v in e.attrs.values())
        assert payload in "\n".join(texts) or payload in values, f"{where}: payload not shown"
    return soup


def assert_stored_body_clean(article: Article, language: str) -> None:
    assert_stored_body_clean_html(value_in(article, "body", language))


def assert_stored_body_clean_html(body: str) -> None:
    """Sanitized body HTML: no script, no event handlers, no javascript: URLs."""
    lowered = body.lower()
    assert "<script" not in lowered, body
    assert "<img" not in lowered and "<svg" not in lowered and "<iframe" not in lowered, body
    assert "<style" not in lowered and "style=" not in lowered, body
    soup = BeautifulSoup(body, "html.parser")
    for element in soup.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], body
        # As text "javascript:" is harmless; in an attribute it is not.
        for value in element.attrs.values():
            values = value if isinstance(value, list) else [value]
            assert not ["" for v in values if "javascript:" in "".join(v.split()).lower()], body
    assert "Bodytext" in soup.get_text()


def xml_of(client, url: str) -> ET.Element:
    return ET.fromstring(get_ok(client, url).content)  # noqa: S314 - our own response


def get_ok(client, url: str, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


# --- the reader's pages -----------------------------------------------------


@pytest.mark.parametrize(("payload", "language"), CASES)
def test_public_pages_show_the_payload_as_text_only(client, base_url, payload, language):
    article = hostile_article(payload, language)
    assert_stored_body_clean(article, language)

    page = get_ok(client, article.get_absolute_url(language)).content.decode()
    soup = assert_inert_html(page, payload, "article page")
    assert soup.find("h1").get_text() == payload
    assert soup.find("title").get_text().startswith(payload)
    figure = soup.find("figure", class_="lead-photo")
    assert figure.find("img")["alt"] == payload
    assert figure.find(class_="caption").get_text() == payload
    assert payload in figure.find(class_="credit").get_text()
    assert figure.find(class_="copyright").get_text() == f"© {payload}"
    assert soup.find(class_="byline").get_text() == payload
    assert soup.find(class_="summary").get_text() == payload
    assert soup.find("meta", attrs={"name": "description"})["content"] == payload
    assert soup.find("meta", property="og:title")["content"] == payload
    assert soup.find("meta", property="og:description")["content"] == payload
    assert soup.find(class_="tags").find("a").get_text() == payload
    assert soup.find("p", class_="section").get_text() == payload
    assert payload in soup.find(class_="corrections").get_text()
    assert payload in [p.get_text() for p in soup.find_all("p", class_="copyright")]
    body = soup.find(class_="body")
    assert "Bodytext" in body.get_text()
    assert not body.find(["script", "img", "svg", "iframe", "style"])

    # JSON-LD: nothing inside can end the element; the values round-trip exactly.
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    raw_block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw_block and ">" not in raw_block, raw_block
    assert "<!--" not in raw_block
    data = json.loads(raw_block)
    assert data["headline"] == payload
    assert data["description"] == payload
    assert data["articleSection"] == payload
    assert data["author"] == [{"@type": "Person", "name": payload}]
    assert data["image"][0]["caption"] == payload
    assert data["image"][0]["creditText"] == payload
    assert data["image"][0]["copyrightHolder"]["name"] == payload
    assert data["correction"][0]["text"] == payload

    section_url = f"/{language}/sections/{value_in(article.section, 'slug', language)}/"
    tag = article.tags.get()
    author = article.authors.get()
    for where, url in [
        ("front page", f"/{language}/"),
        ("section page", section_url),
        ("tag page", f"/{language}/tags/{value_in(tag, 'slug', language)}/"),
        ("author page", f"/{language}/authors/{author.slug}/"),
        ("archive", f"/{language}/archive/"),
    ]:
        assert_inert_html(get_ok(client, url).content.decode(), payload, where)


@pytest.mark.parametrize(("payload", "language"), CASES)
def test_search_reflects_the_query_and_results_as_text(client, payload, language):
    article = hostile_article(payload, language)
    # The payload as the query: reflected in the search box and the heading.
    response = get_ok(client, f"/{language}/search/", data={"q": payload})
    assert_inert_html(response.content.decode(), payload, "search (payload as query)")
    # A word of the body as the query: the hostile title and summary in the results.
    response = get_ok(client, f"/{language}/search/", data={"q": "Bodytext"})
    soup = assert_inert_html(response.content.decode(), payload, "search results")
    assert soup.find("a", href=article.get_absolute_url(language)), "the article is found"
    for mark in soup.find_all("mark"):
        assert not mark.find(True), "only text inside <mark>"


# --- feeds, sitemaps, API ---------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(("payload", "language"), CASES)
def test_feeds_carry_the_payload_as_text(client, base_url, payload, language):
    article = hostile_article(payload, language)
    slug = value_in(article.section, "slug", language)

    for url in (f"/{language}/feeds/rss/", f"/{language}/sections/{slug}/feeds/rss/"):
        root = xml_of(client, url)
        item = root.find("channel/item")
        assert item.find("title").text == payload
        # description is HTML by RSS's rules: the summary is escaped once more,
        # so an HTML reader shows the payload as text.
        description = item.find("description").text
        assert BeautifulSoup(description, "html.parser").get_text() == payload
        assert_inert_html(description, payload, f"{url} description")
        assert item.find("category").text == payload
        assert not item.findall("title/*") and not item.findall("description/*")

    for url in (f"/{language}/feeds/atom/", f"/{language}/sections/{slug}/feeds/atom/"):
        root = xml_of(client, url)
        entry = root.find(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text == payload
        summary = entry.find(f"{ATOM}summary")
        if summary is not None:
            if summary.get("type") == "html":
                assert BeautifulSoup(summary.text, "html.parser").get_text() == payload
                assert_inert_html(summary.text, payload, f"{url} summary")
            else:
                assert summary.text == payload
        assert entry.find(f"{ATOM}author/{ATOM}name").text == payload
        assert entry.find(f"{ATOM}category").get("term") == payload
        assert not list(entry.find(f"{ATOM}title"))


@pytest.mark.parametrize(("payload", "language"), EACH_PAYLOAD_ONCE)
def test_sitemaps_carry_the_payload_as_text(client, base_url, payload, language):
    article = hostile_article(payload, language)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    root = xml_of(client, "/news-sitemap.xml")
    titles = [t.text for t in root.iter(f"{news}title")]
    assert titles == [payload]
    # The other sitemaps carry only addresses (slugs, not names): they must still parse.
    sitemap_ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = []
    for url in ("/sitemap.xml", f"/sitemaps/articles-{language}.xml", "/sitemaps/pages.xml"):
        locs += [loc.text for loc in xml_of(client, url).iter(f"{sitemap_ns}loc")]
    assert all(loc.startswith("http://testserver/") for loc in locs)
    assert f"http://testserver{article.get_absolute_url(language)}" in locs


@pytest.mark.parametrize(("payload", "language"), EACH_PAYLOAD_ONCE)
def test_ninjs_api_carries_the_payload_as_plain_strings(client, payload, language):
    hostile_article(payload, language)
    response = get_ok(client, f"/api/ninjs/{language}/")
    assert response["Content-Type"].startswith("application/json")
    (document,) = json.loads(response.content)["items"]
    assert document["headlines"] == [
        {"role": "main", "contentType": "text/plain", "value": payload}
    ]
    descriptions = {d["role"]: d for d in document["descriptions"]}
    assert descriptions["summary"] == {
        "role": "summary",
        "contentType": "text/plain",
        "value": payload,
    }
    assert descriptions["correction"]["contentType"] == "text/plain"
    assert descriptions["correction"]["value"].endswith(f": {payload}")
    assert document["by"] == payload
    assert document["copyrightNotice"] == payload
    assert {"name": payload, "rel": "section"} in document["subjects"]
    (picture,) = [a for a in document["associations"] if a["type"] == "picture"]
    assert picture["by"] == payload
    assert picture["copyrightHolder"] == payload
    captions = {d["role"]: (d["contentType"], d["value"]) for d in picture["descriptions"]}
    assert captions["caption"] == ("text/plain", payload)
    assert captions["alt"] == ("text/plain", payload)
    # The only HTML is the body, and that is the sanitized body.
    (body,) = document["bodies"]
    assert body["contentType"] == "text/html"
    assert_stored_body_clean_html(body["value"])


# --- the admin --------------------------------------------------------------


@pytest.mark.parametrize(("payload", "language"), EACH_PAYLOAD_ONCE)
def test_admin_screens_show_the_payload_as_text_only(admin_client, payload, language):
    article = hostile_article(payload, language)
    section, tag = article.section, article.tags.get()
    for where, url in [
        ("article changelist", reverse("admin:articles_article_changelist")),
        ("article change form", reverse("admin:articles_article_change", args=[article.pk])),
        ("revisions", reverse("admin:article_revisions", args=[article.pk])),
        ("translation status", reverse("admin:article_translation_status")),
    ]:
        assert_inert_html(get_ok(admin_client, url).content.decode(), payload, where)
    if "<" not in payload:
        return  # plain text: the screens above show it is text; the rest cost time
    for where, url in [
        ("photo changelist", reverse("admin:articles_photo_changelist")),
        ("photo change form", reverse("admin:articles_photo_change", args=[article.photo_id])),
        ("author changelist", reverse("admin:articles_author_changelist")),
        ("section change form", reverse("admin:articles_section_change", args=[section.pk])),
        ("tag change form", reverse("admin:articles_tag_change", args=[tag.pk])),
    ]:
        assert_inert_html(get_ok(admin_client, url).content.decode(), payload, where)
    # Lists name sections and tags in their first language, which may not be this one.
    for url in (
        reverse("admin:articles_section_changelist"),
        reverse("admin:articles_tag_changelist"),
    ):
        assert_inert_html(get_ok(admin_client, url).content.decode(), payload, url, shown=False)


@pytest.mark.parametrize(("payload", "language"), EACH_PAYLOAD_ONCE)
def test_admin_saves_hostile_text_as_text_and_sanitizes_the_body(
    admin_client, client, payload, language
):
    section = SectionFactory()
    photo = PhotoFactory(image=small_jpeg())
    data = form_data(
        section=section,
        photo=str(photo.pk),
        **{
            column_name("title", language): payload,
            column_name("slug", language): "hostile",
            column_name("summary", language): payload,
            column_name("body", language): hostile_body(payload),
            column_name("status", language): "published",
            column_name("photo_caption", language): payload,
            column_name("photo_alt_text", language): payload,
        },
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert value_in(article, "title", language) == payload
    assert_stored_body_clean(article, language)
    photo.refresh_from_db()
    assert value_in(photo, "caption", language) == payload
    page = get_ok(client, article.get_absolute_url(language)).content.decode()
    assert_inert_html(page, payload, "article page after an admin save")


def test_hostile_slugs_are_form_errors_not_500s(admin_client):
    """Each payload as the slug of another language, all in one POST (the form is big)."""
    codes = LANGUAGE_CODES[: len(PAYLOADS)]
    slugs = dict(zip(codes, PAYLOADS, strict=True))
    overrides = {}
    for code, payload in slugs.items():
        overrides |= {
            column_name("title", code): f"Title {code}",
            column_name("slug", code): payload,
            column_name("body", code): "<p>x</p>",
        }
    data = form_data(section=SectionFactory(), **overrides)
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200, response.status_code
    assert not Article.objects.exists()
    raw = response.content.decode()
    soup = None
    for payload in PAYLOADS:
        soup = assert_inert_html(raw, payload, "slug refusal", shown=False)
    for code, payload in slugs.items():
        row = soup.find(class_="field-" + column_name("slug", code))
        assert row is not None, column_name("slug", code) + " is on the form"
        assert row.select(".errorlist"), (
            f"{payload!r} as {column_name('slug', code)}: no form error"
        )
        assert soup.find(attrs={"name": column_name("slug", code)})["value"] == payload
