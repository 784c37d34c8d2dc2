"""Every catalog has every message its language must have, and the sources' messages are in.

The 12 languages Django's admin speaks (newsroom/accounts/admin_language.py)
need every message: the admin is in them. Sanskrit and Latin need what
readers see (READER_FACING in newsroom/operations/catalogs.py); their admin
is in English. English is the language of the msgids, so its catalog may leave
a message untranslated. A fuzzy entry counts as untranslated: gettext ignores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django.utils.translation import to_locale

from newsroom.accounts.admin_language import ADMIN_LANGUAGE_CODES
from newsroom.operations.catalogs import (
    Message,
    django_template_messages,
    jinja2_messages,
    placeholders,
    project_messages,
    python_messages,
)

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
SOURCE_LANGUAGE = "en"
READER_ONLY = ("sa", "la")
# CLDR's plural categories per language: what Plural-Forms must give.
PLURAL_FORMS = {
    "zh-hans": 1, "ja": 1, "id": 1, "ru": 3, "sa": 3,
    "en": 2, "fr": 2, "de": 2, "pt": 2, "el": 2, "es": 2, "it": 2, "fi": 2, "la": 2,
}  # fmt: skip
LANGUAGES = sorted(ADMIN_LANGUAGE_CODES | set(READER_ONLY))

_SOURCES: list[Message] = []


def sources() -> list[Message]:
    if not _SOURCES:
        _SOURCES.extend(project_messages(ROOT))
    return _SOURCES


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / to_locale(language) / "LC_MESSAGES" / "django.po"))


def live(po: polib.POFile) -> Iterator[polib.POEntry]:
    return (entry for entry in po if not entry.obsolete)


def translated(entry: polib.POEntry) -> bool:
    return entry.translated() and "fuzzy" not in entry.flags


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def test_every_language_has_a_catalog():
    assert set(PLURAL_FORMS) == set(LANGUAGES)
    assert sorted(p.name for p in LOCALE.iterdir()) == sorted(to_locale(c) for c in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_every_message_the_sources_use(language):
    keys = {(e.msgctxt, e.msgid) for e in live(catalog(language))}
    missing = sorted({f"{m.msgid!r} ({m.where})" for m in sources() if m.key not in keys})
    assert not missing, (
        f"{language}: not in the catalog (make catalogs, docs/workflow.md): {missing}"
    )


@pytest.mark.parametrize("language", sorted(ADMIN_LANGUAGE_CODES - {SOURCE_LANGUAGE}))
def test_an_admin_language_has_every_message_translated(language):
    missing = [label(e) for e in live(catalog(language)) if not translated(e)]
    assert not missing, f"{language}: {len(missing)} untranslated or fuzzy: {missing}"


@pytest.mark.parametrize("language", READER_ONLY)
def test_sanskrit_and_latin_translate_everything_readers_see(language):
    reader_keys = {m.key for m in sources() if m.reader_facing}
    assert reader_keys, "no reader-facing messages found: is the source walk broken?"
    missing = [
        label(e)
        for e in live(catalog(language))
        if (e.msgctxt, e.msgid) in reader_keys and not translated(e)
    ]
    assert not missing, f"{language}: readers would see English: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_fuzzy_entries(language):
    fuzzy = [label(e) for e in live(catalog(language)) if "fuzzy" in e.flags]
    assert not fuzzy, f"{language}: fuzzy entries are guesses, translate or clear them: {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms(language):
    po = catalog(language)
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match and int(match[1]) == PLURAL_FORMS[language], po.metadata.get("Plural-Forms")
    for entry in live(po):
        if entry.msgid_plural and translated(entry):
            assert len(entry.msgstr_plural) == PLURAL_FORMS[language], label(entry)
            assert all(entry.msgstr_plural.values()), (
                f"{language}: an empty plural form: {label(entry)}"
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in live(catalog(language)):
        if not translated(entry):
            continue
        if entry.msgid_plural:
            # A form for one may write the number out ("one minute"), as gettext allows.
            forms = list(entry.msgstr_plural.values())
            expected = placeholders(entry.msgid_plural)
            if any(placeholders(form) != expected for form in forms[1:]) or (
                len(forms) == 1 and placeholders(forms[0]) != expected
            ):
                wrong.append(label(entry))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append(label(entry))
    assert not wrong, f"{language}: placeholders differ from the original: {wrong}"


def test_the_python_reader_finds_every_gettext_form():
    source = """
from django.utils.translation import gettext as _, gettext_lazy, ngettext, pgettext
_("one")
gettext_lazy("two")
translation.gettext("three")
ngettext("an apple", "%(n)d apples", n)
pgettext("month", "May")
_(computed)
f"{_('inside')}"
"""
    found = {(m.context, m.msgid, m.plural) for m in python_messages(source)}
    assert found == {
        (None, "one", None),
        (None, "two", None),
        (None, "three", None),
        (None, "an apple", "%(n)d apples"),
        ("month", "May", None),
        (None, "inside", None),
    }


def test_the_django_template_reader():
    source = """{% load i18n %}{% translate "Plain" %} {% trans 'Old' context "menu" %}
{% blocktranslate with who=user.name %}Hello {{ who }}, 100%{% endblocktranslate %}
{% blocktranslate count n=items|length trimmed %}
  One item
  here{% plural %}{{ n }} items{% endblocktranslate %}
{{ value|default:_("Nothing") }}"""
    found = {(m.context, m.msgid, m.plural) for m in django_template_messages(source)}
    assert found == {
        (None, "Plain", None),
        ("menu", "Old", None),
        (None, "Hello %(who)s, 100%%", None),
        (None, "One item here", "%(n)s items"),
        (None, "Nothing", None),
    }


def test_the_jinja2_template_reader():
    # Jinja2 comes into requirements.txt with the Jinja2 public templates.
    pytest.importorskip("jinja2")
    source = """{{ _("Search") }} {{ pgettext("button", "Go") }}
{% trans count=n %}One article{% pluralize %}{{ count }} articles{% endtrans %}
{{ gettext(variable) }}"""
    found = {(m.context, m.msgid, m.plural) for m in jinja2_messages(source)}
    assert found == {
        (None, "Search", None),
        ("button", "Go", None),
        (None, "One article", "%(count)s articles"),
    }
