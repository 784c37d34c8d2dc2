"""The site's 14 languages: codes, endonyms and BCP 47 matching.

Everything that needs "which languages exist" asks this module, so adding a
language is one line here plus a migration.
"""

from __future__ import annotations

from typing import Any

# Order is the editorial order of the switcher and the admin tabs.
# Labels are endonyms: a reader looks for their language in their own script.
SITE_LANGUAGES: tuple[tuple[str, str], ...] = (
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
)

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _ in SITE_LANGUAGES)
ENDONYMS: dict[str, str] = dict(SITE_LANGUAGES)
DEFAULT_LANGUAGE = "en"

# Django ships no language info for Sanskrit and Latin; without these entries
# get_language_info() raises KeyError and every translated admin form is a 500.
EXTRA_LANG_INFO: dict[str, dict[str, object]] = {
    "sa": {"bidi": False, "code": "sa", "name": "Sanskrit", "name_local": ENDONYMS["sa"]},
    "la": {"bidi": False, "code": "la", "name": "Latin", "name_local": ENDONYMS["la"]},
}

# BCP 47 primary subtags and script/region variants that mean one of our
# languages but are not spelled like our code.
_ALIASES: dict[str, str] = {
    "zh": "zh-hans",
    "zh-hans": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-my": "zh-hans",
    "in": "id",  # the withdrawn ISO 639 code for Indonesian, still seen on the wire
    "ind": "id",
}
# Traditional Chinese is a different written language: do not fold it into zh-hans.
_REFUSED: frozenset[str] = frozenset({"zh-hant", "zh-tw", "zh-hk", "zh-mo"})
# The most subtags any tag above has: lookup never needs more of a tag than
# that, so a hostile tag of thousands of subtags costs no more than a short one.
_MOST_SUBTAGS = max(t.count("-") + 1 for t in (*ENDONYMS, *_ALIASES, *_REFUSED))


def _suffix(code: str) -> str:
    # The suffix modeltranslation gives a language's columns: `-` becomes `_`,
    # and Indonesian is renamed `ind` so that `title_id` cannot clash with a
    # foreign key's `*_id` attribute. Spelt out here rather than asked of
    # modeltranslation because settings import this module before apps load;
    # tests/domain/test_languages.py checks it against modeltranslation.
    return "ind" if code == "id" else code.replace("-", "_")


_SUFFIXES: dict[str, str] = {code: _suffix(code) for code in LANGUAGE_CODES}


def column_name(field: str, code: str) -> str:
    """The column that holds `field` in language `code`: ("title", "zh-hans") → "title_zh_hans".

    The one way to name a per-language column, for reads, writes and queries alike.
    """
    return f"{field}_{_SUFFIXES.get(code) or _suffix(code)}"


def value_in(instance: object, field: str, code: str) -> Any:
    """`instance`'s value of the translated `field` in language `code`."""
    return getattr(instance, column_name(field, code))


def match_language(tag: str | None) -> str | None:
    """Map a BCP 47 tag to one of the site's languages, or None.

    Lookup as in RFC 4647: compare case-insensitively, then drop subtags from
    the right until something matches. ``pt-BR`` → ``pt``, ``zh-Hans-CN`` →
    ``zh-hans``, ``EN`` → ``en``, ``sv`` → None.
    """
    if not tag or not isinstance(tag, str):
        return None
    parts = tag.strip().replace("_", "-").lower().split("-", _MOST_SUBTAGS)[:_MOST_SUBTAGS]
    while parts and parts[0]:
        candidate = "-".join(parts)
        if candidate in _REFUSED:
            return None
        if candidate in _ALIASES:
            return _ALIASES[candidate]
        if candidate in ENDONYMS:
            return candidate
        parts.pop()
    return None


# How other vocabularies spell our languages. OpenGraph wants language_TERRITORY
# (Facebook's list has sa_IN and la_VA); Google News wants ISO 639 except for
# Chinese, which it spells by region (zh-cn for Simplified).
OG_LOCALES: dict[str, str] = {
    "zh-hans": "zh_CN",
    "ru": "ru_RU",
    "en": "en_US",
    "fr": "fr_FR",
    "id": "id_ID",
    "sa": "sa_IN",
    "ja": "ja_JP",
    "de": "de_DE",
    "pt": "pt_PT",
    "el": "el_GR",
    "es": "es_ES",
    "it": "it_IT",
    "fi": "fi_FI",
    "la": "la_VA",
}
NEWS_SITEMAP_LANGUAGES: dict[str, str] = {code: code for code in LANGUAGE_CODES} | {
    "zh-hans": "zh-cn"
}
