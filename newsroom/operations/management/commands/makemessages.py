"""Django's ``makemessages``, plus the messages of the Jinja2 templates.

Django's extractor reads Python and Django templates only: it cannot parse
Jinja2, and would read the public pages' templates (templates/jinja2/) as
Django templates. This command, which takes the place of Django's, leaves those
folders to Jinja2's own extractor (``jinja2.ext.extract_from_ast``, over the
project's Jinja2 environment): their messages are added to the template catalog
(``django.pot``) that Django builds, before it is merged into each language's
``django.po``. So one run updates the catalogs with every message, wherever it
is written, and a message the templates still use is never marked obsolete::

    manage.py makemessages --all          # every language in locale/
    manage.py makemessages -l fr -l de    # some

Options are Django's. Messages are found in ``_()``/``gettext()``,
``ngettext()``, ``pgettext()``, ``npgettext()`` and ``{% trans %}`` blocks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import polib
from django.core.management.base import CommandError
from django.core.management.commands import makemessages
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from jinja2 import TemplateSyntaxError
from jinja2.ext import extract_from_ast

# What each gettext function's string arguments are, in order.
_ARGUMENTS = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "ngettext": ("msgid", "msgid_plural"),
    "pgettext": ("msgctxt", "msgid"),
    "npgettext": ("msgctxt", "msgid", "msgid_plural"),
}
_EXTENSIONS = (".html", ".txt", ".xml")


class Command(makemessages.Command):
    help = makemessages.Command.help + (
        "\n\nThe Jinja2 engines' template folders are read with Jinja2's extractor."
    )

    def handle(self, *args, **options):
        self.jinja2_engines = [e for e in engines.all() if isinstance(e, Jinja2)]
        folders = [
            os.path.relpath(folder) for e in self.jinja2_engines for folder in e.template_dirs
        ]
        options["ignore_patterns"] = [*options["ignore_patterns"], *folders]
        return super().handle(*args, **options)

    def build_potfiles(self) -> list[str]:
        potfiles = super().build_potfiles()
        if self.domain != "django":
            return potfiles
        potfile = os.path.join(self.default_locale_path, "django.pot")
        catalog = polib.pofile(potfile) if potfile in potfiles else _new_catalog()
        added = merge_messages(catalog, self.jinja2_messages())
        if potfile not in potfiles:
            if not catalog:
                return potfiles
            potfiles.append(potfile)
        catalog.save(potfile)
        if self.verbosity > 1:
            self.stdout.write(f"{added} messages from Jinja2 templates added to {potfile}")
        return potfiles

    def jinja2_messages(self) -> Iterator[tuple[str, int, dict[str, str]]]:
        """(path, line, entry fields) of each message in the Jinja2 templates."""
        for engine in self.jinja2_engines:
            for folder in engine.template_dirs:
                for path in sorted(Path(folder).rglob("*")):
                    if path.suffix in _EXTENSIONS and path.is_file():
                        yield from template_messages(engine.env, path)


def template_messages(env, path: Path) -> Iterator[tuple[str, int, dict[str, str]]]:
    """The messages of one Jinja2 template; a template that does not parse is an error."""
    source = path.read_text(encoding="utf-8")
    try:
        tree = env.parse(source, name=path.name, filename=str(path))
    except TemplateSyntaxError as error:
        raise CommandError(f"{path}:{error.lineno}: {error.message}") from error
    name = os.path.relpath(path)
    for line, function, strings in extract_from_ast(tree, babel_style=False):
        fields = dict(zip(_ARGUMENTS[function], strings, strict=False))
        if "msgid" in fields:
            yield name, line, fields


def merge_messages(
    catalog: polib.POFile, messages: Iterator[tuple[str, int, dict[str, str]]]
) -> int:
    """Add `messages` to `catalog` (a message it has gains the occurrence); how many were new."""
    added = 0
    for path, line, fields in messages:
        entry = catalog.find(fields["msgid"], msgctxt=fields.get("msgctxt"))
        if entry is None:
            entry = polib.POEntry(msgid=fields["msgid"], msgstr="", msgctxt=fields.get("msgctxt"))
            if "msgid_plural" in fields:
                entry.msgid_plural = fields["msgid_plural"]
                entry.msgstr_plural = {0: "", 1: ""}
            if "%(" in fields["msgid"]:
                entry.flags.append("python-format")
            catalog.append(entry)
            added += 1
        if (path, str(line)) not in entry.occurrences:
            entry.occurrences.append((path, str(line)))
    return added


def _new_catalog() -> polib.POFile:
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return catalog
