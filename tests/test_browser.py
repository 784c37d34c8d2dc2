"""In a real browser, with every non-local request blocked: the admin's language tabs work,
and neither the admin nor the public pages break the Content Security Policy.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; Playwright's own
browser download does not work here. Skips, saying why, where Chromium is absent.
"""

import os
from urllib.parse import urlparse

import pytest

from tests.chromium import CHROMIUM, MISSING, launch

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=MISSING,
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's ORM
    # calls happen outside the browser's callbacks, so they are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    outside = []

    def only_local(route):
        host = urlparse(route.request.url).hostname
        if host in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.outside_requests = outside
    # The browser reports each CSP violation on the console (and as an event,
    # which the init script records); either one fails the test.
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.csp_violations = lambda: violations + page.evaluate("window.__cspViolations")
    yield page
    context.close()


def test_admin_language_tabs_work_offline(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/article/add/")

    # jQuery UI turned each translated field group into tabs, one per language.
    title_group = page.locator(".ui-tabs", has=page.locator("#id_title_en"))
    tabs = title_group.locator(".ui-tabs-nav li")
    assert tabs.count() == 14
    assert page.locator("#id_title_en").is_visible()
    assert not page.locator("#id_title_sa").is_visible()

    # Clicking the Sanskrit tab shows the Sanskrit field and hides English.
    title_group.locator(".ui-tabs-nav a[href$='_sa']").first.click()
    assert page.locator("#id_title_sa").is_visible()
    assert not page.locator("#id_title_en").is_visible()

    # The photo caption fields get the same tabs.
    caption_group = page.locator(".ui-tabs", has=page.locator("#id_photo_caption_en"))
    assert caption_group.locator(".ui-tabs-nav li").count() == 14
    assert page.outside_requests == []
    assert page.csp_violations() == []


def test_admin_autocomplete_works_under_the_csp(page, live_server, django_user_model):
    from tests.factories import SectionFactory

    SectionFactory()
    django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/article/add/")
    select2 = page.locator(".select2-container").first
    assert select2.count() == 1, "the admin has an autocomplete widget"
    select2.click()
    page.wait_for_selector(".select2-results__option")
    assert page.csp_violations() == []


def test_public_article_page_breaks_no_csp(page, live_server, article_pt_en):
    page.goto(f"{live_server.url}/en/articles/{article_pt_en.slug_en}/")
    assert page.locator("h1").inner_text()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert page.locator("picture img").count() >= 1
    page.wait_for_load_state("load")
    assert page.csp_violations() == []
    assert page.outside_requests == []
