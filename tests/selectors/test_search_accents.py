"""Search folds accents and case in every language that has them, on both databases:
`ciencia` finds `ciência` (and the other way round), and the snippet marks the word as
written. PostgreSQL folds through `unaccent` in its text search configurations
(migration 0017); SQLite folds in Python."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.selectors.test_search import found_titles, with_texts
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# (language, a headline, the word as written in it, the word typed otherwise)
CASES = [
    ("pt", "A ciência do porto", "ciência", "ciencia"),
    ("pt", "O orçamento da câmara", "orçamento", "ORCAMENTO"),
    ("es", "Abre el jardín botánico", "jardín", "jardin"),
    ("fr", "Une école ouvre", "école", "ecole"),
    ("fr", "La bibliothèque rouvre", "bibliothèque", "Bibliotheque"),
    ("de", "Ärzte streiken am Hafen", "Ärzte", "arzte"),
    ("de", "Die neue Brücke", "Brücke", "BRUCKE"),
    ("it", "La città vecchia", "città", "citta"),
    ("el", "Νέα γέφυρα στο λιμάνι", "γέφυρα", "γεφυρα"),
    ("el", "Νέα γέφυρα στο λιμάνι", "γέφυρα", "ΓΕΦΥΡΑ"),
    ("ru", "Годовой отчёт совета", "отчёт", "отчет"),
    ("fi", "Työntekijät lakkoon", "Työntekijät", "tyontekijat"),
    ("la", "Rōma aeterna", "Rōma", "roma"),
    ("en", "Café society returns", "Café", "cafe"),
    ("pt", "A ciencia do porto", "ciencia", "ciência"),  # the other way round
]


@pytest.mark.parametrize("code,title,written,typed", CASES)
def test_accents_and_case_fold(client, code, title, written, typed):
    with_texts(ArticleFactory(languages=(code,)), {code: (title, title)})
    with_texts(ArticleFactory(languages=(code,)), {code: ("Unrelated", "Nothing here")})
    assert found_titles(client, code, typed) == [title]
    response = client.get(f"/{code}/search/", {"q": typed})
    snippet = BeautifulSoup(response.content, "html.parser").select_one(".results .snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == [written]


def test_chinese_and_japanese_still_match_by_characters(client):
    with_texts(ArticleFactory(languages=("ja",)), {"ja": ("川港に新しい橋", "川港に新しい橋")})
    response = client.get("/ja/search/", {"q": "新しい橋"})
    snippet = BeautifulSoup(response.content, "html.parser").select_one(".results .snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["新しい橋"]
