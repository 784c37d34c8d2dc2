"""Each editor reads the admin in their own language; the public site keeps the URL's."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from newsroom.accounts.admin_language import (
    ADMIN_LANGUAGE_CODES,
    browser_admin_language,
    browser_languages,
)
from newsroom.accounts.models import AdminPreference
from newsroom.accounts.services import admin_language_set
from tests.support.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]

PAGE = "/admin/language/"


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("tr", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translator"))
    return user


@pytest.fixture
def translator_client(translator):
    client = Client()
    client.force_login(translator)
    return client


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def test_admin_languages_are_the_sites_languages_with_a_django_admin_catalog():
    assert ADMIN_LANGUAGE_CODES == {
        "zh-hans", "ru", "en", "fr", "id", "ja", "de", "pt", "el", "es", "it", "fi",
    }  # fmt: skip


def test_the_admin_follows_the_browser_until_the_editor_chooses(translator_client, translator):
    page = translator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fi, en;q=0.5")
    assert html_lang(page) == "fi" and page["Content-Language"] == "fi"
    assert "Ylläpito" in page.text or "Kirjaudu ulos" in page.text

    answer = translator_client.post(PAGE, {"language": "ja"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert answer.status_code == 302
    assert AdminPreference.objects.get(user=translator).language == "ja"
    page = translator_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fi")
    assert html_lang(page) == "ja"
    # The confirmation is in the language just chosen, on the page's own terms.
    assert "管理画面の言語を保存しました。" in page.text
    assert 'value="ja" selected' in page.text

    translator_client.post(PAGE, {"language": ""})
    assert not AdminPreference.objects.filter(user=translator).exists()
    assert html_lang(translator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="de")) == "de"


def test_a_choice_is_personal(translator_client, translator, django_user_model):
    admin_language_set(user=translator, language="ru")
    other = Client()
    other.force_login(django_user_model.objects.create_user("ot", password="pw", is_staff=True))
    assert html_lang(translator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es")) == "ru"
    assert html_lang(other.get("/admin/", HTTP_ACCEPT_LANGUAGE="es")) == "es"


def test_the_login_page_follows_the_browser(client):
    assert (
        html_lang(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")) == "zh-hans"
    )
    assert html_lang(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="pt-BR")) == "pt"


def test_sanskrit_and_latin_readers_get_the_admin_in_their_next_language_or_english(client):
    assert html_lang(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="sa, la;q=0.9")) == "en"
    assert html_lang(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="la, it;q=0.4")) == "it"


@pytest.mark.parametrize("language", ["sa", "la", "xx", "en-GB", "de\x00", "'; drop table"])
def test_an_unoffered_language_is_refused_and_nothing_is_stored(
    translator_client, translator, language
):
    admin_language_set(user=translator, language="fi")
    answer = translator_client.post(PAGE, {"language": language})
    assert answer.status_code in (200, 400)
    assert AdminPreference.objects.get(user=translator).language == "fi"
    with pytest.raises(ValidationError):
        admin_language_set(user=translator, language=language)
    assert AdminPreference.objects.get(user=translator).language == "fi"


def test_the_page_needs_a_staff_login(client, django_user_model):
    assert client.get(PAGE).status_code == 302
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("rd", password="pw"))
    assert reader.post(PAGE, {"language": "fr"}).status_code == 302
    assert not AdminPreference.objects.exists()


def test_every_admin_page_links_to_it(translator_client):
    page = BeautifulSoup(translator_client.get("/admin/").content, "html.parser")
    assert page.select_one("#user-tools").find("a", href=reverse("admin_language"))


def test_the_public_site_keeps_the_language_of_its_address(translator_client, translator):
    article = ArticleFactory(languages=("pt", "en"))
    admin_language_set(user=translator, language="ja")
    page = translator_client.get(article.get_absolute_url("pt"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and html_lang(page) == "pt"
    assert translator_client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"].startswith("/ru/")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", []),
        ("de-AT;q=0.8, fr, *;q=0.1", ["fr", "de-at"]),
        ("en;q=0, it", ["it"]),
        ("es;q=abc, el;q=2, fi", ["fi"]),
        ("x" * 600, []),
        (";;,,;q=, \x00", []),
    ],
)
def test_accept_language_parsing(header, expected):
    assert browser_languages(header) == expected


def test_a_broken_header_means_english():
    assert browser_admin_language("%%%, ;q=1") == "en"
