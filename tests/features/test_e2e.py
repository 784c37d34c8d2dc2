"""End to end, in Chromium: an editor writes and publishes an article in two languages
through the admin; a reader reads it and switches language. Screenshots of the page in
pt, en, zh-hans and sa are kept as artefacts (in NEWSROOM_SCREENSHOTS, by default
test-artifacts/screenshots/, git-ignored), to look at fonts and layout by eye.

Every request outside the test server is blocked; a CSP violation or a console
error anywhere fails the test. No sleeps: each step waits for what it needs.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from PIL import Image, ImageDraw

from articles.domain.availability import is_public
from articles.domain.languages import column_name
from articles.models import Article
from articles.services.articles import article_save
from tests.support.chromium import CHROMIUM, MISSING, browser_fixture, page_fixture  # noqa: F401
from tests.support.factories import SectionFactory

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=MISSING),
    pytest.mark.django_db(transaction=True),
]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("NEWSROOM_SCREENSHOTS", REPO / "test-artifacts" / "screenshots"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def harbour_jpeg(path: Path) -> Path:
    """A real JPEG: sky, water and a bridge, drawn with Pillow. Wide enough for the
    page's lead photo, small enough that its renditions take little time."""
    image = Image.new("RGB", (900, 600), (150, 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 390, 900, 600), fill=(40, 80, 120))
    draw.arc((75, 225, 825, 675), 180, 360, fill=(200, 60, 40), width=18)
    draw.rectangle((0, 375, 900, 398), fill=(90, 90, 90))
    image.save(path, "JPEG", quality=85)
    return path


def editor_user(django_user_model):
    """A member of the desk's Editor role (the groups of migration 0007; a
    transactional test starts with them flushed, so they are made again here)."""
    roles = importlib.import_module("articles.migrations.0007_roles").ROLES
    group, _ = Group.objects.get_or_create(name="Editor")
    for code in roles["Editor"]:
        app_label, codename = code.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = django_user_model.objects.create_user("ines", password="pw-ines-1", is_staff=True)
    user.groups.add(group)
    return user


def show_tab(page, field, code):
    """Bring the language tab `code` of the translated field `field` to the front."""
    tabs = page.locator(".ui-tabs", has=page.locator(f"#id_{field}_{code}"))
    tabs.locator(f".ui-tabs-nav a[href$='_{code}']").first.click()


def fill_in_tab(page, field, code, value):
    show_tab(page, field, code)
    page.fill(f"#id_{field}_{code}", value)


def write_body(page, code, text):
    show_tab(page, "body", code)
    editor = page.locator(f".prose-editor:has(#id_body_{code}) .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def write_language(page, code, *, title, summary, body, caption, alt_text):
    fill_in_tab(page, "title", code, title)
    fill_in_tab(page, "summary", code, summary)
    write_body(page, code, body)
    # Publishing is the language's own state, chosen in its tab.
    show_tab(page, "status", code)
    page.select_option(f"#id_status_{code}", "published")
    fill_in_tab(page, "photo_caption", code, caption)
    fill_in_tab(page, "photo_alt_text", code, alt_text)


def add_lead_photo(page, jpeg: Path):
    """Through the photo field's "+" popup, as an editor adds a new photo."""
    with page.expect_popup() as popup_info:
        page.click("#add_id_photo")
    popup = popup_info.value
    popup.set_input_files("#id_upload", str(jpeg))
    popup.fill("#id_credit", "Marta Lopes")
    popup.fill("#id_copyright_holder", "Newsroom")
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    # The popup hands the new photo back to the article's photo field.
    expect(page.locator("#id_photo")).not_to_have_value("")


def test_editor_publishes_in_two_languages_and_a_reader_switches(
    page, live_server, django_user_model, tmp_path
):
    SectionFactory()
    editor_user(django_user_model)
    jpeg = harbour_jpeg(tmp_path / "ponte.jpg")
    page.set_default_timeout(10_000)
    for code in ("pt", "en", "zh-hans", "sa"):  # no stale picture from an earlier run
        (SCREENSHOTS / f"article-{code}.png").unlink(missing_ok=True)

    # The editor logs in and writes the Portuguese version, then the English one.
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "ines")
    page.fill("#id_password", "pw-ines-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/article/add/")
    page.select_option("#id_section", index=1)
    page.select_option("#id_source_language", "pt")
    add_lead_photo(page, jpeg)
    write_language(
        page,
        "pt",
        title="Ponte nova liga as duas margens",
        summary="A travessia abre hoje aos peões e ciclistas.",
        body="A ponte abriu ao amanhecer.",
        caption="A ponte vista do cais",
        alt_text="Ponte vermelha sobre o rio",
    )
    write_language(
        page,
        "en",
        title="New bridge joins the two banks",
        summary="The crossing opens to walkers and cyclists today.",
        body="The bridge opened at dawn.",
        caption="The bridge seen from the quay",
        alt_text="Red bridge over the river",
    )
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    article = Article.objects.get()
    assert is_public(article, "pt") and is_public(article, "en")
    assert article.photo.credit == "Marta Lopes"
    # Chinese and Sanskrit versions come from the desk's translators (here: the service).
    for code, title, body, caption in [
        ("zh-hans", "新桥连接两岸", "<p>大桥在黎明时分开通。</p>", "从码头看大桥"),
        ("sa", "नवः सेतुः तीरद्वयं योजयति", "<p>प्रभाते सेतुः उद्घाटितः।</p>", "घट्टात् दृष्टः सेतुः"),
    ]:
        setattr(article, column_name("title", code), title)
        setattr(article, column_name("body", code), body)
        setattr(article, column_name("status", code), "published")
        setattr(article.photo, column_name("caption", code), caption)
    article.photo.save()
    article.clean()  # slugs and publication times, as the admin's form does
    article_save(article=article, actor="translators")

    # A reader (no session) opens the Portuguese page: photo, caption, credit.
    page.context.clear_cookies()
    with translation.override("pt"):
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Ponte nova liga as duas margens")
    photo = page.locator("figure.lead-photo img")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert photo.get_attribute("alt") == "Ponte vermelha sobre o rio"
    expect(page.locator("figure.lead-photo .caption")).to_have_text("A ponte vista do cais")
    expect(page.locator("figure.lead-photo .credit")).to_have_text("Foto: Marta Lopes")
    expect(page.locator(".body")).to_contain_text("A ponte abriu ao amanhecer.")
    screenshot(page, "pt")

    # The switcher offers the four languages; English is one click away.
    switcher = page.locator("nav.language-switcher")
    expect(switcher.locator("a")).to_have_count(4)
    switcher.locator("a[hreflang=en]").click()
    page.wait_for_url("**/en/articles/**")
    expect(page.locator("h1")).to_have_text("New bridge joins the two banks")
    expect(page.locator("figure.lead-photo .caption")).to_have_text("The bridge seen from the quay")
    expect(page.locator("figure.lead-photo .credit")).to_have_text("Photo: Marta Lopes")
    screenshot(page, "en")

    for code, title in [("zh-hans", "新桥连接两岸"), ("sa", "नवः सेतुः तीरद्वयं योजयति")]:
        page.locator(f"nav.language-switcher a[hreflang={code}]").click()
        page.wait_for_url(f"**/{code}/articles/**")
        expect(page.locator("h1")).to_have_text(title)
        screenshot(page, code)

    for code in ("pt", "en", "zh-hans", "sa"):
        path = SCREENSHOTS / f"article-{code}.png"
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE), path
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            # A whole page, not a blank one: wide, tall and in many colours.
            assert width >= 1000 and height >= 600, (path, image.size)
            colours = image.convert("RGB").getcolors(maxcolors=256)
            assert colours is None, f"{path} has only {len(colours)} colours"
    assert page.csp_violations() == []
    assert page.console_errors == []
    assert page.outside_requests == []


def screenshot(page, code):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The lead photo's rendition must have arrived before the picture is taken.
    page.wait_for_function(
        "() => [...document.images].every(img => img.complete && img.naturalWidth > 0)"
    )
    page.screenshot(path=str(SCREENSHOTS / f"article-{code}.png"), full_page=True)
