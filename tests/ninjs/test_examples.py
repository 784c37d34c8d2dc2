"""The IPTC's examples and real agency items from ../shared/ninjs/ (skipped where absent)."""

from __future__ import annotations

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.support.ninjs_support import SHARED, assert_valid_ninjs_31, needs_shared, run


@pytest.fixture(autouse=True)
def site_address(settings):
    """Exports write absolute links; they need the site's address."""
    settings.NEWSROOM_BASE_URL = "http://testserver"


pytestmark = [pytest.mark.django_db, needs_shared]

AGENCIES = SHARED / "examples" / "agencies"
IPTC_DOCS = SHARED / "examples" / "iptc-docs"
# Agency items in a site language: (file, uri's language, headline start).
AGENCY_ARTICLES = [
    ("dpa_text.json", "de", "Faktencheck Derby-Elfmeter"),
    ("businesswire-newsml-20130605006126.json", "zh-hans", "Cambrios被Gartner"),
    ("businesswire-newsml-20130731006140.json", "en", "Lunch Taking a Toll?"),
    (
        "20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever"
        "-addb-ninjs-nitf.json",
        "en",
        "Anti-doping measures",
    ),
]


def uri_of(path) -> str:
    return json.loads(path.read_text())["uri"]


def public_page(client, article: Article, language: str) -> BeautifulSoup:
    response = client.get(article.get_absolute_url(language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_agency_items_in_site_languages_import_and_render(client):
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_ninjs",
            str(AGENCIES),
            "--publish",
            "--skip-invalid",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert raised.value.returncode == 1  # the Swedish and Norwegian ones were refused
    for name, language, headline in AGENCY_ARTICLES:
        article = Article.objects.get(uri=uri_of(AGENCIES / name))
        assert article.languages == [language], name
        page = public_page(client, article, language)
        assert page.h1.get_text().startswith(headline)
        assert page.find(class_="body").get_text(strip=True)
    dpa = Article.objects.get(uri=uri_of(AGENCIES / "dpa_text.json"))
    assert dpa.byline_de == "Von Christian Hollmann, dpa"
    assert dpa.copyright_holder == "dpa"
    assert "<section" not in dpa.body_de and dpa.body_de.startswith("<p>Für Lucien Favre")
    nitf = Article.objects.get(uri=uri_of(AGENCIES / AGENCY_ARTICLES[3][0]))
    assert "<nitf" not in nitf.body_en and "hedline" not in nitf.body_en
    assert nitf.body_en.startswith("<p>The Australian Sports Anti-Doping Authority")
    messages = err.getvalue()
    supported = "(zh-hans, ru, en, fr, id, sa, ja, de, pt, el, es, it, fi, la)"
    assert (
        f"tt_text_image_3.json: language “sv” is not one of the site's languages {supported}"
        in (messages)
    )
    assert f"ntb_text.json: language “nb-NO” is not one of the site's languages {supported}" in (
        messages
    )
    assert "ninjsExSimpleText_3.json: no “language”" in messages


def test_swedish_and_norwegian_items_fail_a_strict_run_and_change_nothing():
    for name in ("tt_text_image_3.json", "ntb_text.json"):
        err = io.StringIO()
        with pytest.raises(CommandError):
            call_command("import_ninjs", str(AGENCIES / name), stdout=io.StringIO(), stderr=err)
        assert "is not one of the site's languages" in err.getvalue()
    assert not Article.objects.exists()


def test_events_pictures_audio_and_video_are_skipped_not_failed():
    names = ["simpleEvent.json", "ap_image.json", "ap_audio.json", "ap_video.json"]
    out, err = run("import_ninjs", *(str(AGENCIES / name) for name in names))
    assert err == ""
    assert "Not articles, skipped: 4" in out
    assert not Article.objects.exists()


def test_an_untagged_agency_item_takes_the_language_option(client):
    run("import_ninjs", str(AGENCIES / "ninjsExSimpleText_3.json"), "--language", "en", "--publish")
    article = Article.objects.get()
    assert article.languages == ["en"]
    assert public_page(client, article, "en").h1.get_text().startswith("Captain of wrecked")


IPTC_ARTICLES = [
    "001_simple_example.json",
    "003_associations_example.json",
    "004_simple_text_article.json",
    "005_complex_text_article.json",
    "007_multimedia.json",
]


@pytest.mark.parametrize("name", IPTC_ARTICLES)
def test_iptc_examples_import_render_and_export_valid(name, client):
    out, _err = run("import_ninjs", str(IPTC_DOCS / name), "--language", "en", "--publish")
    article = Article.objects.get()
    assert article.languages == ["en"]
    page = public_page(client, article, "en")
    assert page.h1.get_text()
    exported, _err = run("export_ninjs")
    (document,) = [json.loads(line) for line in exported.splitlines()]
    assert_valid_ninjs_31(document)
    assert document["uri"] == uri_of(IPTC_DOCS / name)


def test_iptc_multimedia_example_names_its_pictures_that_need_downloading():
    out, _err = run("import_ninjs", str(IPTC_DOCS / "007_multimedia.json"))
    assert "picture “mainpic”" in out and "--fetch-media" in out
    assert Article.objects.get().byline_en == "Paulo Santalucia and Frances d'Emilio"


def test_iptc_examples_that_are_not_articles_are_skipped_and_one_without_headline_refused():
    out, _err = run(
        "import_ninjs",
        str(IPTC_DOCS / "006_photo_only.json"),
        str(IPTC_DOCS / "008_event.json"),
        "--language",
        "en",
    )
    assert "Not articles, skipped: 2" in out
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_ninjs",
            str(IPTC_DOCS / "002_renditions_example.json"),
            "--language",
            "en",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "002_renditions_example.json: no headline" in err.getvalue()
