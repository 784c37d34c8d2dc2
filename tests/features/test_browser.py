"""In a real browser, with every non-local request blocked: the admin's language tabs work,
and neither the admin nor the public pages break the Content Security Policy.

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; Playwright's own
browser download does not work here. Skips, saying why, where Chromium is absent.
"""

import os

import pytest

from tests.support.chromium import CHROMIUM, MISSING, browser_fixture, page_fixture  # noqa: F401

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=MISSING,
    ),
    pytest.mark.django_db(transaction=True),
]


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
    from tests.support.factories import SectionFactory

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


def _log_in(page, live_server, django_user_model, next_url):
    django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


def _show_tab(page, field, code):
    """Click the language tab `code` of the translated field `field`."""
    tabs = page.locator(".ui-tabs", has=page.locator(f"#id_{field}_{code}"))
    tabs.locator(f".ui-tabs-nav a[href$='_{code}']").first.click()


def _body_editor(page, code):
    return page.locator(f".prose-editor:has(#id_body_{code}) .ProseMirror[contenteditable=true]")


def test_body_editor_in_every_language_tab_saves_bold_and_link(
    page, live_server, django_user_model
):
    """Each language tab has its own rich-text editor, hidden tabs included; typing,
    bold and a link end up as the sanitized HTML of that language's body."""
    from articles.models import Article
    from tests.support.factories import SectionFactory

    section = SectionFactory()
    _log_in(page, live_server, django_user_model, "/admin/articles/article/add/")
    expect = playwright_api.expect
    expect(page.locator(".prose-editor .ProseMirror[contenteditable=true]")).to_have_count(14)
    # Each editor carries its own toolbar, with the allowlist's tools and no raw-HTML view.
    toolbar = page.locator(".prose-editor:has(#id_body_pt) .prose-menubar")
    for tool in ("bold", "italic", "underline", "strike", "link", "blockquote", "table"):
        assert toolbar.locator(f"button[data-name='{tool}']").count() == 1, tool
    assert toolbar.locator("button[data-name='html']").count() == 0

    page.select_option("#id_section", str(section.pk))
    _show_tab(page, "title", "pt")
    page.fill("#id_title_pt", "Olá mundo")
    _show_tab(page, "body", "pt")
    editor = _body_editor(page, "pt")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("Olá ")
    page.keyboard.press("Control+b")
    page.keyboard.type("mundo")
    page.keyboard.press("Control+b")
    page.keyboard.type(" e fonte")
    page.keyboard.press("Shift+Control+ArrowLeft")
    page.locator(".prose-editor:has(#id_body_pt) button[data-name=link]").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("input[name=href]").fill("https://example.org/fonte")
    dialog.locator("button[type=submit]").click()
    expect(editor.locator("a")).to_have_text("fonte")

    # Sanskrit's tab was hidden when the page loaded; its editor works all the same.
    _show_tab(page, "body", "sa")
    expect(_body_editor(page, "sa")).to_have_attribute("lang", "sa")
    expect(_body_editor(page, "sa")).to_have_accessible_name("Body [sa]")
    _body_editor(page, "sa").click()
    page.keyboard.type("नमः")

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get()
    assert article.body_pt == (
        '<p>Olá <strong>mundo</strong> e <a href="https://example.org/fonte"'
        ' rel="noopener noreferrer nofollow">fonte</a></p>'
    )
    assert article.body_sa == "<p>नमः</p>"
    assert article.body_en == ""  # untouched editors post nothing

    # Opened again, the editor shows what was saved.
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(_body_editor(page, "pt").locator("strong")).to_have_text("mundo")
    assert page.csp_violations() == []
    assert page.console_errors == []
    assert page.outside_requests == []
