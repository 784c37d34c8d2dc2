"""The translator's desk end to end, in Chromium: a Translator for Finnish opens the
translation board, opens the missing fi cell, makes a machine draft from a local
LibreTranslate-protocol server, fixes one sentence and sends the version to review;
an Editor publishes it; a reader sees the Finnish page with the notice that it was
machine-translated and reviewed; the board shows the new state.

Every request outside the test server is blocked; a CSP violation fails the test.
"""

from __future__ import annotations

import os

import pytest
from django.utils import translation
from django.utils.translation import gettext

from articles.domain.status import Origin, Status
from articles.models import Article, MachineTranslation
from tests.support.chromium import CHROMIUM, MISSING, browser_fixture, page_fixture  # noqa: F401
from tests.support.factories import ArticleFactory, PhotoFactory
from tests.support.mt_servers import FakeLibreTranslate
from tests.support.roles_support import ensure_role_groups, make_user

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=MISSING),
    pytest.mark.django_db(transaction=True),
]

BODY_PT = (
    "<p>A ponte reabriu esta manhã depois de três semanas de obras.</p>"
    "<p>Os primeiros carros passaram às sete horas.</p>"
    "<p>A câmara diz que as obras custaram menos do que o previsto.</p>"
)
FIXED_SENTENCE = "Ensimmäiset autot ylittivät sillan kello seitsemän."


@pytest.fixture
def libretranslate(settings):
    with FakeLibreTranslate() as server:
        settings.MT_ENGINE = "libretranslate"
        settings.MT_URL = server.url
        settings.MT_API_KEY = server.api_key
        yield server


def log_in(page, base_url, username, next_url):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "old-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


def fi_cell(page, article):
    return page.locator(f"tr:has(a[href$='/{article.pk}/change/']) td[title^='fi:']")


def test_a_translator_drafts_fixes_and_sends_a_finnish_version_an_editor_publishes_it(
    page, live_server, django_user_model, libretranslate
):
    ensure_role_groups()
    make_user(django_user_model, "tuula", "Translator", languages=("fi",), is_staff=True)
    make_user(django_user_model, "eeva", "Editor", is_staff=True)
    article = ArticleFactory(
        languages=("pt",),
        source_language="pt",
        photo=PhotoFactory(captions=("pt",), credit="Ana Lima"),
    )
    Article.objects.filter(pk=article.pk).update(body_pt=BODY_PT)
    board = "/admin/articles/article/translation-status/"

    # The translator opens the board and the missing Finnish cell.
    log_in(page, live_server.url, "tuula", board)
    expect(fi_cell(page, article)).to_have_text("·")
    fi_cell(page, article).locator("a").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/translate/fi/")
    expect(page.locator(".translate-source")).to_contain_text("Os primeiros carros")
    expect(page.locator("[name=title_en]")).to_have_count(0)

    # A machine draft fills the Finnish fields; nothing is saved yet.
    page.click("button[value=machine]")
    expect(page.locator("#id_title_fi")).to_have_value(f"[fi] {article.title_pt}")
    expect(page.locator("#id_photo_caption_fi")).to_have_value("[fi] Caption in pt")
    assert not Article.objects.get(pk=article.pk).title_fi

    # The translator rewrites the second sentence in the body's editor.
    editor = page.locator(".prose-editor:has(#id_body_fi) .ProseMirror[contenteditable=true]")
    second = editor.locator("p").nth(1)
    expect(second).to_have_text("[fi] Os primeiros carros passaram às sete horas.")
    # Focus the editor first, then select the paragraph's text: a triple click
    # alone can land before the editor is ready on a busy machine.
    second.click()
    second.select_text()
    page.keyboard.type(FIXED_SENTENCE)
    expect(second).to_have_text(FIXED_SENTENCE)
    page.click("button[value=review]")
    expect(page.locator(".messagelist")).to_contain_text("saved")
    expect(page.locator(".provenance")).to_contain_text("reviewed by tuula")
    saved = Article.objects.get(pk=article.pk)
    assert saved.status_fi == Status.REVIEW
    assert saved.origin_fi == Origin.MACHINE_REVIEWED
    assert FIXED_SENTENCE in saved.body_fi and "[fi] A ponte reabriu" in saved.body_fi
    # A translator has no publish button.
    expect(page.locator("button[value=publish]")).to_have_count(0)
    assert page.csp_violations() == []

    # The editor sees it waiting, opens it from the board and publishes it.
    log_in(page, live_server.url, "eeva", board)
    expect(fi_cell(page, article)).to_have_text("rv")
    fi_cell(page, article).locator("a").click()
    page.click("button[value=publish]")
    expect(page.locator(".messagelist")).to_contain_text("saved")
    published = Article.objects.get(pk=article.pk)
    assert published.status_fi == Status.PUBLISHED
    assert MachineTranslation.objects.get(article=article, language="fi").reviewed_by.username == (
        "tuula"
    )

    # A reader sees the Finnish page with the notice that it was reviewed.
    page.context.clear_cookies()
    page.goto(live_server.url + published.get_absolute_url("fi"))
    expect(page.locator("h1")).to_have_text(f"[fi] {article.title_pt}")
    with translation.override("fi"):
        reviewed_notice = gettext(
            "This version was translated by machine and reviewed by our desk."
        )
    expect(page.locator(".machine-notice")).to_contain_text(reviewed_notice)
    expect(page.locator(".body")).to_contain_text(FIXED_SENTENCE)
    expect(page.locator(".credit")).to_contain_text("Ana Lima")

    # The board shows the new state: published, a reviewed machine translation.
    log_in(page, live_server.url, "eeva", board)
    expect(fi_cell(page, article)).to_have_text("Pv")
    assert page.csp_violations() == []
    assert page.outside_requests == []
