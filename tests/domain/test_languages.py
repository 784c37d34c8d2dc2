"""The 14 languages: order, endonyms, Django's knowledge of sa and la, BCP 47 matching."""

import pytest
from django.conf import settings
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname

from articles.domain.languages import LANGUAGE_CODES, column_name, match_language

EXPECTED = [
    ("zh-hans", "中文"),
    ("ru", "Русский"),
    ("en", "English"),
    ("fr", "Français"),
    ("id", "Bahasa Indonesia"),
    ("sa", "संस्कृतम्"),
    ("ja", "日本語"),
    ("de", "Deutsch"),
    ("pt", "Português"),
    ("el", "Ελληνικά"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("fi", "Suomi"),
    ("la", "Latina"),
]


def test_site_languages_in_editorial_order_with_endonyms():
    assert list(settings.LANGUAGES) == EXPECTED
    assert settings.LANGUAGE_CODE == "en"


@pytest.mark.parametrize("code,name", [("sa", "Sanskrit"), ("la", "Latin")])
def test_django_knows_sanskrit_and_latin(code, name):
    info = get_language_info(code)
    assert info["name"] == name
    assert info["bidi"] is False


@pytest.mark.parametrize(
    "tag,expected",
    [
        ("pt-BR", "pt"),
        ("pt", "pt"),
        ("EN", "en"),
        ("en_GB", "en"),
        ("zh", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("sa-IN", "sa"),
        ("la", "la"),
        ("in", "id"),
        ("sv", None),
        ("nb-NO", None),
        ("zh-TW", None),
        ("zh-Hant", None),
        ("", None),
        (None, None),
        ("-", None),
        ("x" * 500, None),
    ],
)
def test_bcp47_tags_match_site_languages(tag, expected):
    assert match_language(tag) == expected


def test_indonesian_columns_are_named_ind():
    assert column_name("title", "id") == "title_ind"
    assert column_name("title", "zh-hans") == "title_zh_hans"
    for code in LANGUAGE_CODES:
        assert column_name("body", code) == build_localized_fieldname("body", code)


def test_a_tag_of_thousands_of_subtags_is_matched_by_its_first_ones():
    """Lookup reads no more subtags than the longest known tag has (linear, not quadratic)."""
    assert match_language("pt-" + "-".join(["x"] * 200_000)) == "pt"
    assert match_language("zh-Hant-" + "-".join(["x"] * 200_000)) is None
    assert match_language("zh-Hans-CN-" + "a" * 1_000_000) == "zh-hans"
