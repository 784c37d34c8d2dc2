"""`manage.py makemessages`: Django's extraction plus the Jinja2 templates' messages.

Run on a small project of its own (a Jinja2 template, a Python module and a
French catalog in a temporary folder), with GNU gettext as Django's command
needs it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.skipif(
    not shutil.which("xgettext") or not shutil.which("msgmerge"),
    reason="Django's makemessages needs GNU gettext (xgettext, msgmerge)",
)

TEMPLATE = """\
{% extends "base.html" %}
{% block content %}
<h1>{{ _("Hello reader") }}</h1>
<p>{% trans name=user %}Welcome back, {{ name }}{% endtrans %}</p>
<button>{{ pgettext("button", "Search") }}</button> {{ _("Search") }}
<p>{{ ngettext("%(num)s article", "%(num)s articles", count) }}</p>
{% endblock %}
"""

CATALOG = """\
msgid ""
msgstr ""
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: templates/jinja2/page.html:3
msgid "Hello reader"
msgstr "Bonjour lecteur"

msgctxt "button"
msgid "Search"
msgstr "Chercher"

msgid "No longer written anywhere"
msgstr "Plus écrit nulle part"
"""


@pytest.fixture
def project(tmp_path, settings, monkeypatch) -> Path:
    """A project folder with one Jinja2 template, one Python module and a French catalog."""
    (tmp_path / "templates" / "jinja2").mkdir(parents=True)
    (tmp_path / "templates" / "jinja2" / "page.html").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "views.py").write_text(
        'from django.utils.translation import gettext\n\nTITLE = gettext("From Python")\n',
        encoding="utf-8",
    )
    (tmp_path / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po").write_text(CATALOG, encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.jinja2.Jinja2",
            "DIRS": [tmp_path / "templates" / "jinja2"],
            "OPTIONS": {"environment": "articles.web.jinja2.environment"},
        },
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": []},
    ]
    monkeypatch.chdir(tmp_path)
    return tmp_path


def french(project: Path) -> polib.POFile:
    return polib.pofile(str(project / "locale" / "fr" / "LC_MESSAGES" / "django.po"))


def test_jinja2_messages_join_the_catalog_next_to_python_messages(project):
    call_command("makemessages", locale=["fr"], verbosity=0)
    catalog = french(project)
    live = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}

    hello = live[(None, "Hello reader")]
    assert hello.msgstr == "Bonjour lecteur"  # the translation is kept
    assert hello.occurrences == [("templates/jinja2/page.html", "3")]
    assert live[("button", "Search")].msgstr == "Chercher"
    assert (None, "Search") in live  # without the context: another message
    welcome = live[(None, "Welcome back, %(name)s")]
    assert "python-format" in welcome.flags
    plural = live[(None, "%(num)s article")]
    assert plural.msgid_plural == "%(num)s articles"
    assert live[(None, "From Python")].occurrences == [("views.py", "3")]

    obsolete = [e.msgid for e in catalog if e.obsolete]
    assert obsolete == ["No longer written anywhere"]
    assert not (project / "locale" / "django.pot").exists()  # the template catalog is removed


def test_a_template_that_does_not_parse_names_its_file_and_line(project):
    broken = project / "templates" / "jinja2" / "broken.html"
    broken.write_text("<p>\n{% trans %}Unclosed\n", encoding="utf-8")
    before = (project / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    with pytest.raises(CommandError, match=r"templates/jinja2/broken\.html:\d+"):
        call_command("makemessages", locale=["fr"], verbosity=0)
    after = (project / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert after == before
