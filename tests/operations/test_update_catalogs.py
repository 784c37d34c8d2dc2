"""update_catalogs: the sources' messages merged into every catalog, translations kept."""

from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

# Russian's three plural forms; the rule itself does not matter here.
HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"
"""


@pytest.fixture
def project(settings, tmp_path):
    """A tiny project: one module, one Django template, one Jinja2 template, a ru catalog."""
    pytest.importorskip("jinja2")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(
        "from django.utils.translation import gettext as _, ngettext\n"
        "_('Kept')\n"
        "_('New in the code')\n"
        "ngettext('%(n)d article', '%(n)d articles', 2)\n",
        encoding="utf-8",
    )
    (tmp_path / "templates" / "jinja2").mkdir(parents=True)
    (tmp_path / "templates" / "page.html").write_text(
        "{% load i18n %}{% translate 'From a template' %}", encoding="utf-8"
    )
    (tmp_path / "templates" / "jinja2" / "page.html").write_text(
        "{% trans %}From Jinja2{% endtrans %}", encoding="utf-8"
    )
    # Skipped like makemessages is told to: tests are not the project's messages.
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("_('Only a test')\n", encoding="utf-8")
    po = tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        HEADER
        + '\nmsgid "Kept"\nmsgstr "Сохранено"\n\nmsgid "Gone from the code"\nmsgstr "Ушло"\n',
        encoding="utf-8",
    )
    settings.BASE_DIR = tmp_path
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return po


def _update(**kwargs) -> str:
    out = StringIO()
    call_command("update_catalogs", stdout=out, **kwargs)
    return out.getvalue()


def test_new_messages_come_in_untranslated_and_unused_ones_go(project):
    report = _update()
    assert "ru: 4 new, 1 removed, 4 untranslated" in report
    catalog = polib.pofile(str(project))
    entries = {entry.msgid: entry for entry in catalog}
    assert set(entries) == {
        "Kept", "New in the code", "%(n)d article", "From a template", "From Jinja2",
    }  # fmt: skip
    assert entries["Kept"].msgstr == "Сохранено"
    assert entries["Kept"].occurrences == [("app/views.py", "2")]
    plural = entries["%(n)d article"]
    assert plural.msgid_plural == "%(n)d articles" and plural.msgstr_plural == {0: "", 1: "", 2: ""}
    assert "python-format" in plural.flags
    assert not any("fuzzy" in entry.flags for entry in catalog)


def test_a_second_run_changes_nothing(project):
    _update()
    first = project.read_bytes()
    assert "ru: 0 new, 0 removed, 4 untranslated" in _update()
    assert project.read_bytes() == first


def test_dry_run_writes_nothing(project):
    before = project.read_bytes()
    assert "Dry run: nothing was written." in _update(dry_run=True)
    assert project.read_bytes() == before


def test_a_broken_catalog_stops_it_before_any_catalog_is_written(project, settings):
    broken = settings.LOCALE_PATHS[0] / "de" / "LC_MESSAGES" / "django.po"
    broken.parent.mkdir(parents=True)
    broken.write_text("this is not a catalog\n", encoding="utf-8")
    before = project.read_bytes()
    with pytest.raises(CommandError, match="Cannot read"):
        _update()
    assert project.read_bytes() == before


def test_a_source_that_does_not_parse_is_named(project, settings):
    Path(settings.BASE_DIR, "app", "broken.py").write_text("def (:\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read the sources"):
        _update()
