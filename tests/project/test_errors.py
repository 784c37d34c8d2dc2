"""404 and 500 pages speak the language of the address, with its lang and dir."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from articles.domain.languages import LANGUAGE_CODES
from articles.querysets import ArticleQuerySet

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def translated(code: str, message: str) -> str:
    with translation.override(code):
        return translation.gettext(message)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_404_page_is_localized(client, code):
    response = client.get(f"/{code}/articles/no-such-article/")
    assert response.status_code == 404
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == (code, "ltr")
    assert page.h1.get_text() == translated(code, "Page not found")
    if code != "en":
        assert page.h1.get_text() != "Page not found"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_500_page_is_localized_and_needs_no_database(client, monkeypatch, code):
    def broken(self, language):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ArticleQuerySet, "public_in", broken)
    client.raise_request_exception = False
    response = client.get(f"/{code}/")
    assert response.status_code == 500
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == (code, "ltr")
    assert page.h1.get_text() == translated(code, "Server error")
    assert page.find("a")["href"] == f"/{code}/"
    if code != "en":
        assert page.h1.get_text() != "Server error"
