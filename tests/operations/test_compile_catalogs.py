"""Message catalogs: the pure-Python compile step and what the compiled catalogs say."""

import gettext
import os
from datetime import date
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.signals import setting_changed
from django.utils import dateformat, translation

from articles.domain.languages import LANGUAGE_CODES

LOCALE = Path(django_settings.BASE_DIR) / "locale"
PT_PO = LOCALE / "pt" / "LC_MESSAGES" / "django.po"


def _forget_loaded_translations():
    """Django caches catalogs per process; make it read the freshly compiled .mo files.

    This is what Django itself does when a test changes LOCALE_PATHS.
    """
    setting_changed.send(
        sender=None, setting="LOCALE_PATHS", value=django_settings.LOCALE_PATHS, enter=True
    )


def _compile(**kwargs) -> str:
    out = StringIO()
    call_command("compile_catalogs", stdout=out, **kwargs)
    return out.getvalue()


def _copy_catalog(tmp_path: Path, source: Path = PT_PO, lang: str = "pt") -> Path:
    target = tmp_path / lang / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes())
    return target


# --- The command -----------------------------------------------------------


def test_compiles_a_catalog_into_the_mo_beside_it(settings, tmp_path):
    po = _copy_catalog(tmp_path)
    settings.LOCALE_PATHS = [tmp_path]

    assert "Compiled 1 message catalog." in _compile()

    with po.with_suffix(".mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    assert catalog.gettext("Photo: %(credit)s") == "Foto: %(credit)s"
    assert catalog.gettext("Read in") == "Ler em"
    assert catalog.info()["language"] == "pt"


def test_up_to_date_catalogs_are_skipped_and_stale_ones_recompiled(settings, tmp_path):
    po = _copy_catalog(tmp_path)
    settings.LOCALE_PATHS = [str(tmp_path)]  # strings work as well as paths
    _compile()
    mo = po.with_suffix(".mo")
    before = mo.stat().st_mtime_ns

    output = _compile()
    assert output.strip() == "Compiled 0 message catalogs."
    assert mo.stat().st_mtime_ns == before

    # The .po edited after the last compile: compiled again.
    os.utime(mo, (po.stat().st_atime - 10, po.stat().st_mtime - 10))
    assert "Compiled 1 message catalog." in _compile()
    assert mo.stat().st_mtime > po.stat().st_mtime

    assert "Compiled 1 message catalog." in _compile(force=True)


def test_verbosity_zero_prints_nothing(settings, tmp_path):
    _copy_catalog(tmp_path)
    settings.LOCALE_PATHS = [tmp_path]
    assert _compile(verbosity=0) == ""


def test_malformed_catalog_is_refused_with_file_and_line_and_writes_no_mo(settings, tmp_path):
    po = _copy_catalog(tmp_path)
    lines = po.read_text(encoding="utf-8").splitlines()
    broken_line = lines.index('msgid "Read in"') + 2  # 1-based number of its msgstr
    lines[broken_line - 1] = 'msgstr "Ler "em"'  # unescaped double quote
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]

    with pytest.raises(CommandError) as excinfo:
        _compile()

    message = str(excinfo.value)
    assert str(po) in message
    assert f"line {broken_line}" in message
    assert sorted(p.name for p in po.parent.iterdir()) == ["django.po"]  # no .mo, no temp file


def test_garbage_is_refused(settings, tmp_path):
    po = tmp_path / "pt" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text("this is not a catalog\n", encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]

    with pytest.raises(CommandError, match="line 1"):
        _compile()
    assert not po.with_suffix(".mo").exists()


def test_translation_with_an_unknown_placeholder_is_refused(settings, tmp_path):
    """'%(autor)s' instead of '%(credit)s' would be a KeyError on every article page."""
    po = _copy_catalog(tmp_path)
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Foto: %(credit)s"', 'msgstr "Foto: %(autor)s"'
        ),
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]

    with pytest.raises(CommandError, match=r"%\(autor\)s") as excinfo:
        _compile()
    assert str(po) in str(excinfo.value) and "line " in str(excinfo.value)
    assert not po.with_suffix(".mo").exists()


def test_a_failure_keeps_the_previous_mo(settings, tmp_path):
    po = _copy_catalog(tmp_path)
    settings.LOCALE_PATHS = [tmp_path]
    _compile()
    mo = po.with_suffix(".mo")
    good = mo.read_bytes()

    # A merge conflict left in the file.
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Read in"', '<<<<<<< HEAD\nmsgid "Read in"'), "utf-8")
    with pytest.raises(CommandError, match="line"):
        _compile()
    assert mo.read_bytes() == good


# --- The project's catalogs ------------------------------------------------


@pytest.fixture(scope="module")
def compiled():
    """Compile the real catalogs, then make Django load them afresh."""
    call_command("compile_catalogs", verbosity=0)
    _forget_loaded_translations()
    yield
    _forget_loaded_translations()


def _catalog(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / translation.to_locale(code) / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_site_language_has_a_clean_catalog(code):
    catalog = _catalog(code)
    assert catalog.metadata["Language"] == translation.to_locale(code)
    assert "charset=UTF-8" in catalog.metadata["Content-Type"]
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=")
    assert not catalog.metadata_is_fuzzy
    assert catalog.fuzzy_entries() == []


def test_portuguese_public_strings(compiled):
    with translation.override("pt"):
        assert translation.gettext("Photo: %(credit)s") % {"credit": "IC"} == "Foto: IC"
        assert translation.gettext("Read in") == "Ler em"
        assert translation.gettext("By") == "Por"
        # Admin labels too.
        assert translation.gettext("source language") == "idioma de origem"


def test_latin_dates_put_the_month_in_the_genitive(compiled):
    with translation.override("la"):
        assert dateformat.format(date(2026, 11, 26), "j E Y") == "26 Novembris 2026"
        assert dateformat.format(date(2026, 1, 5), "E / F") == "Ianuarii / Ianuarius"
        assert dateformat.format(date(2026, 11, 26), "l") == "dies Iovis"
        assert translation.gettext("Photo: %(credit)s") == "Imago: %(credit)s"


def test_sanskrit_dates_use_devanagari_month_names(compiled):
    with translation.override("sa"):
        assert dateformat.format(date(2026, 11, 26), "F") == "नवम्बर"
        assert dateformat.format(date(2026, 11, 26), "j F Y") == "26 नवम्बर 2026"
        assert dateformat.format(date(2026, 11, 23), "l") == "सोमवासरः"


def test_month_names_stay_english_where_django_has_them(compiled):
    """Our sa/la month names must not leak into languages Django translates itself."""
    with translation.override("en"):
        assert dateformat.format(date(2026, 11, 26), "F") == "November"
    with translation.override("pt"):
        assert dateformat.format(date(2026, 11, 26), "F").lower() == "novembro"
