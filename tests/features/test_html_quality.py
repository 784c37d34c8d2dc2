"""Every public page type, in every language: valid HTML, accessible, right lang and dir.

- The Nu Html Checker (npm package `vnu-jar`, run on Java) validates all pages
  in one invocation: no errors allowed.
- axe-core (npm package `axe-core`) runs in Debian's Chromium through Playwright,
  one browser for all pages: no serious or critical violations allowed.

Pages are rendered once by Django's test client from the demo content (plus a
tag on every article) and handed to both checkers, so no server is started:
the browser's requests are answered from the rendered pages, the static files
and the rendition view. Each check skips, saying what to install, where Java,
Chromium or `node_modules/` (`npm ci --ignore-scripts`) is missing.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from articles.domain.languages import LANGUAGE_CODES, value_in
from articles.management.commands import load_demo
from articles.models import Article
from articles.selectors.search import query_terms
from tests.support.chromium import CHROMIUM, MISSING, launch
from tests.support.factories import TagFactory, jpeg_bytes

# The rows of the module's pages are written outside any test (see `site`);
# each test still needs the database set up and unblocked.
pytestmark = pytest.mark.django_db

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
JAVA = shutil.which("java")
NPM_HINT = "run `make html-checkers` (npm ci --ignore-scripts); .ci/run does"
SERIOUS = ("serious", "critical")
RUN_AXE = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


@dataclass
class Page:
    language: str
    kind: str
    url: str  # as a browser sends it: non-ASCII percent-encoded
    status: int
    html: str

    @property
    def name(self) -> str:
        return f"{self.language}-{self.kind}"


@dataclass
class Site:
    pages: list[Page]
    media_root: Path


# A page with a fault both checkers must report (an image without alt text):
# a checker that finds nothing here is not checking.
CANARY = Page(
    "en",
    "canary",
    "/en/__canary__",
    200,
    '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
    "<title>Canary</title></head><body><main><h1>Canary</h1>"
    '<img src="/static/css/site.css" width="10" height="10"></main></body></html>',
)


def _urls(language: str) -> dict[str, tuple[str, int]]:
    """Each public page type in `language`: kind → (path, expected status)."""
    article = Article.objects.public_in(language).filter(tags__isnull=False).first()
    # The language's own publication time: the demo publishes translations later
    # than the source, so near midnight the two fall on different days.
    published = timezone.localtime(value_in(article, "published_at", language))
    title = value_in(article, "title", language)
    with translation.override(language):
        return {
            "front": (f"/{language}/", 200),
            "section": (article.section.get_absolute_url(), 200),
            "article": (article.get_absolute_url(), 200),
            "tag": (article.tags.first().get_absolute_url(), 200),
            "author": (article.authors.first().get_absolute_url(), 200),
            "archive": (f"/{language}/archive/", 200),
            "archive-month": (f"/{language}/archive/{published:%Y}/{published:%m}/", 200),
            "archive-day": (f"/{language}/archive/{published:%Y/%m/%d}/", 200),
            "search": (
                f"/{language}/search/?" + urlencode({"q": query_terms(title)[0]}),
                200,
            ),
            "search-empty": (f"/{language}/search/", 200),
            "not-found": (f"/{language}/articles/no-such-article/", 404),
        }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory) -> Site:
    """The demo content's pages, rendered once for the module's tests.

    The rows live in a transaction rolled back after the module, so no other
    test sees them; the files live in a temporary media folder.
    """
    media = tmp_path_factory.mktemp("media")
    # conftest's per-test settings (plain static storage) do not reach module scope.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
    ):
        with transaction.atomic(), pytest.MonkeyPatch.context() as patch:
            # Plain pictures of the demo's size: drawing the real ones is slow.
            patch.setattr(load_demo, "demo_picture", lambda *args: jpeg_bytes(1600, 1000))
            call_command("load_demo", stdout=io.StringIO())
            tag = TagFactory()
            for article in Article.objects.all():
                article.tags.add(tag)
            client = Client()
            pages = []
            for language in LANGUAGE_CODES:
                for kind, (path, status) in _urls(language).items():
                    response = client.get(path)
                    assert response.status_code == status, path
                    html = response.content.decode()
                    pages.append(Page(language, kind, iri_to_uri(path), status, html))
                # What Django's server_error view renders: the template, no request.
                with translation.override(language):
                    html = render_to_string("500.html")
                pages.append(Page(language, "server-error", f"/{language}/__500__", 500, html))
                # The database-outage page (newsroom/errors.py), rendered the same way.
                with translation.override(language):
                    html = render_to_string("503.html")
                pages.append(Page(language, "unavailable", f"/{language}/__503__", 503, html))
            transaction.set_rollback(True)
    return Site(pages=pages, media_root=media)


@pytest.fixture
def pages(site) -> list[Page]:
    return site.pages


def test_every_page_type_in_every_language_has_its_lang_and_dir(pages):
    assert len(pages) == 13 * len(LANGUAGE_CODES)
    for page in pages:
        root = BeautifulSoup(page.html, "html.parser").html
        assert (root["lang"], root["dir"]) == (page.language, "ltr"), page.name


# --- Nu Html Checker -------------------------------------------------------------


@pytest.mark.skipif(not JAVA, reason="Java is not installed (apt-get install default-jre-headless)")
@pytest.mark.skipif(not VNU_JAR.exists(), reason=f"vnu-jar is missing: {NPM_HINT}")
def test_every_page_is_valid_html(pages, tmp_path):
    files = []
    for page in [*pages, CANARY]:
        path = tmp_path / f"{page.name}.html"
        path.write_text(page.html, encoding="utf-8")
        files.append(str(path))
    # One Java start for all pages: starting the checker costs more than checking.
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [JAVA, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"] + files,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(urlsplit(m.get('url', '')).path).stem}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    canary = [error for error in errors if error.startswith(f"{CANARY.name}:")]
    assert canary and "alt" in canary[0]
    real = [error for error in errors if error not in canary]
    assert real == [], "\n".join(real)


# --- axe-core in Chromium -----------------------------------------------------------


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(MISSING)
    if not AXE_JS.exists():
        pytest.skip(f"axe-core is missing: {NPM_HINT}")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def _file(site: Site, path: str) -> Path | None:
    """The file behind a static or rendition URL, as the site would serve it."""
    if path.startswith("/static/"):
        found = finders.find(path.removeprefix("/static/"))
        return Path(found) if found else None
    if path.startswith("/media/renditions/"):
        candidate = (site.media_root / path.removeprefix("/media/")).resolve()
        return (
            candidate if candidate.is_relative_to(site.media_root) and candidate.is_file() else None
        )
    return None


# Loads axe once; each page is then written into this document (Playwright's
# set_content uses document.open/write, which keeps the window and so axe).
# Parsing axe afresh for every page would cost more than checking the page.
RUNNER = (
    '<!DOCTYPE html><html lang="en"><head><title>axe</title><script src="/__axe__.js"></script>'
)


def test_no_serious_accessibility_violations(site, browser):
    outside: list[str] = []

    def answer(route):
        url = urlsplit(route.request.url)
        if url.hostname != "testserver":
            outside.append(route.request.url)
            route.abort()
        elif url.path == "/__runner__":
            route.fulfill(body=RUNNER, content_type="text/html; charset=utf-8")
        elif url.path == "/__axe__.js":
            route.fulfill(path=str(AXE_JS), content_type="text/javascript")
        elif (found := _file(site, unquote(url.path))) is not None:
            route.fulfill(path=str(found))
        else:
            route.fulfill(status=404, body="")

    context = browser.new_context(locale="en-US")
    tab = context.new_page()
    tab.route("**/*", answer)
    tab.goto("http://testserver/__runner__")
    problems = []
    for page in [*site.pages, CANARY]:
        tab.set_content(page.html, wait_until="load")
        assert tab.evaluate("document.documentElement.lang") == page.language, page.name
        for violation in tab.evaluate(RUN_AXE):
            if violation["impact"] in SERIOUS:
                targets = [" ".join(node["target"]) for node in violation["nodes"]][:3]
                problems.append(
                    f"{page.name}: {violation['id']} ({violation['impact']}) {page.url} {targets}"
                )
    context.close()
    canary = [problem for problem in problems if problem.startswith(f"{CANARY.name}:")]
    assert canary and "image-alt" in canary[0]
    real = [problem for problem in problems if problem not in canary]
    assert real == [], "\n".join(real)
    assert outside == []
