"""Debian's Chromium for the browser tests (Playwright's own download does not work here).

Also the fixtures those tests share: `browser` (one Chromium per module) and `page`
(a fresh context that blocks every non-local request and records CSP violations and
console errors). A browser test module imports them
(`from tests.support.chromium import browser_fixture, page_fixture`); pytest finds them by name.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MISSING = "Chromium is not installed (apt-get install chromium; .ci/run does)"
# Headless as root, and quiet: without the networking flags Chromium keeps
# trying hosts this closed machine cannot reach.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


@pytest.fixture(scope="module", name="browser")
def browser_fixture():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM
    # calls happen outside the browser's callbacks, so they are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(name="page")
def page_fixture(browser, live_server):
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
    errors = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)
        elif message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.csp_violations = lambda: violations + page.evaluate("window.__cspViolations")
    page.console_errors = errors
    yield page
    context.close()
