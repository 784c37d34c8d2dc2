"""The project's message catalogs: the messages its sources use, and merging them in.

Written here rather than left to `makemessages` for two reasons: it needs GNU
gettext (xgettext, msgmerge), which a fresh machine and CI lack, and xgettext
reads Jinja2 templates as Django ones, missing their `{% trans %}` blocks.
Python files are read with `ast`, Django templates with the grammar of
`{% translate %}` and `{% blocktranslate %}`, Jinja2 templates (templates/jinja2/)
with Jinja2's own extractor. `manage.py update_catalogs` merges what is found
into every catalog; tests/features/test_catalogs.py checks the catalogs against it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

# Not the project's messages: the environment, tests, benchmarks, assets.
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "static", "media", "locale"}
JINJA2_DIR = Path("templates") / "jinja2"
# Where a message is read by the public: pages, feeds, sitemaps, errors, the API.
READER_FACING = re.compile(
    r"^(templates/(?!admin/)|articles/web/|newsroom/formats/|newsroom/errors)"
)


@dataclass(frozen=True)
class Message:
    msgid: str
    context: str | None = None
    plural: str | None = None
    where: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def reader_facing(self) -> bool:
        return bool(READER_FACING.match(self.where))


def project_messages(root: Path) -> list[Message]:
    """Every translatable message of the project's Python, Django and Jinja2 sources."""
    found: list[Message] = []
    for path in _files(root):
        relative = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            messages = python_messages(text, relative)
        elif Path(relative).is_relative_to(JINJA2_DIR):
            messages = jinja2_messages(text, relative)
        else:
            messages = django_template_messages(text, relative)
        # In the order of the file, as xgettext lists them.
        found.extend(sorted(messages, key=lambda message: message.line))
    return found


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in SKIPPED_DIRS:
            continue
        if path.is_dir() and not path.is_symlink():
            yield from _files(path)
        elif path.suffix in (".py", ".html", ".txt"):
            yield path


# name → positions of (context, singular, plural) among the call's arguments,
# as makemessages gives them to xgettext.
_PYTHON_KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def python_messages(source: str, where: str = "") -> Iterator[Message]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _PYTHON_KEYWORDS:
            continue
        context_at, singular_at, plural_at = _PYTHON_KEYWORDS[name]
        args = [_literal(arg) for arg in node.args]
        if len(args) <= max(i for i in (context_at, singular_at, plural_at) if i is not None):
            continue
        singular = args[singular_at]
        context = args[context_at] if context_at is not None else None
        plural = args[plural_at] if plural_at is not None else None
        # A computed argument is not a message, as for xgettext.
        if singular is None or (context_at is not None and context is None):
            continue
        if plural_at is not None and plural is None:
            continue
        yield Message(singular, context, plural, where, node.args[singular_at].lineno)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


_STRING = r"""(?:"[^"]*"|'[^']*')"""
_TRANSLATE = re.compile(r"\{%\s*trans(?:late)?\s+(" + _STRING + r")(.*?)%\}", re.S)
_BLOCK = re.compile(
    r"\{%\s*block(trans|translate)\b(?P<options>.*?)%\}(?P<body>.*?)"
    r"\{%\s*endblock(?:trans|translate)\s*%\}",
    re.S,
)
_PLURAL = re.compile(r"\{%\s*plural\s*%\}")
_CONTEXT = re.compile(r"\bcontext\s+(" + _STRING + r")")
_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_UNDERSCORE = re.compile(r"\b_\(\s*(" + _STRING + r")\s*\)")


def django_template_messages(source: str, where: str = "") -> Iterator[Message]:
    found: list[Message] = []

    def line(match: re.Match) -> int:
        return source.count("\n", 0, match.start()) + 1

    for match in _TRANSLATE.finditer(source):
        found.append(Message(_unquote(match[1]), _context(match[2]), None, where, line(match)))
    for match in _BLOCK.finditer(source):
        options = match["options"]
        trimmed = "trimmed" in options.split()
        parts = [_block_msgid(part, trimmed) for part in _PLURAL.split(match["body"])]
        plural = parts[1] if len(parts) > 1 else None
        found.append(Message(parts[0], _context(options), plural, where, line(match)))
    for match in _UNDERSCORE.finditer(source):
        found.append(Message(_unquote(match[1]), None, None, where, line(match)))
    yield from found


def _unquote(literal: str) -> str:
    return literal[1:-1]


def _context(options: str) -> str | None:
    match = _CONTEXT.search(options)
    return _unquote(match[1]) if match else None


def _block_msgid(body: str, trimmed: bool) -> str:
    # As Django's blocktranslate: a literal % doubles, {{ name }} becomes %(name)s.
    msgid = _VARIABLE.sub(r"%(\1)s", body.replace("%", "%%"))
    if trimmed:
        msgid = re.sub(r"\s*\n\s*", " ", msgid.strip())
    return msgid


def jinja2_messages(source: str, where: str = "") -> Iterator[Message]:
    # Imported here, not at the top: Jinja2 is needed only once templates/jinja2/ exists.
    import jinja2
    import jinja2.ext

    # Only parsed, never rendered; autoescape as the project's Jinja2 pages have it.
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    tree = environment.parse(source)
    for lineno, function, found in jinja2.ext.extract_from_ast(tree, babel_style=True):
        strings = list(found) if isinstance(found, tuple) else [found]
        context = strings.pop(0) if function in ("pgettext", "npgettext") else None
        plural = strings[1] if function in ("ngettext", "npgettext") else None
        # A computed argument is not a message, as for xgettext.
        if strings[0] is None or (function in ("pgettext", "npgettext") and context is None):
            continue
        if function in ("ngettext", "npgettext") and plural is None:
            continue
        yield Message(strings[0], context, plural, where, lineno)


# A printf-style conversion, optionally named: "%s", "%(credit)s", "%05.1f", "%%".
PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])"
)
# A str.format field: "{count}", "{0}", "{name!r:>8}"; "{{" and "}}" are literal braces.
BRACES = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """The printf conversions (named or in order) and the {fields} of ``text``, sorted."""
    printf = sorted(
        f"%({m['name']}){m['conversion']}" if m["name"] is not None else f"%{m['conversion']}"
        for m in PRINTF.finditer(text)
        if m["conversion"] != "%"
    )
    return printf, sorted(BRACES.findall(text))


def _is_printf(message: Message) -> bool:
    return bool(placeholders(message.msgid)[0] or placeholders(message.plural or "")[0])


@dataclass(frozen=True)
class CatalogChanges:
    added: int
    removed: int
    untranslated: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def catalog_merge(catalog: polib.POFile, messages: list[Message]) -> CatalogChanges:
    """Make ``catalog`` hold exactly the messages of ``messages``, keeping its translations.

    As `makemessages --no-obsolete` without fuzzy matching: a message that is
    new gets an empty translation (a guess from a similar one would be shown
    to readers as if someone had translated it), one the sources no longer use
    is dropped, and every entry lists where the sources use it.
    """
    old = {(entry.msgctxt, entry.msgid): entry for entry in catalog if not entry.obsolete}
    used: dict[tuple[str | None, str], list[Message]] = {}
    for message in messages:
        used.setdefault(message.key, []).append(message)
    match = re.search(r"nplurals\s*=\s*(\d+)", catalog.metadata.get("Plural-Forms", ""))
    nplurals = int(match[1]) if match else 2
    entries = []
    added = untranslated = 0
    for key, uses in used.items():
        first = uses[0]
        entry = polib.POEntry(
            msgctxt=first.context,
            msgid=first.msgid,
            msgid_plural=first.plural or "",
            occurrences=[(use.where, str(use.line)) for use in uses],
            flags=["python-format"] if _is_printf(first) else [],
        )
        previous = old.get(key)
        if previous is not None and (previous.msgid_plural or None) == first.plural:
            entry.msgstr = previous.msgstr
            entry.msgstr_plural = dict(previous.msgstr_plural)
            entry.tcomment = previous.tcomment
            entry.flags.extend(flag for flag in previous.flags if flag not in entry.flags)
        else:
            added += previous is None
            if first.plural:
                entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
        if not entry.translated() or "fuzzy" in entry.flags:
            untranslated += 1
        entries.append(entry)
    removed = sum(1 for key in old if key not in used)
    catalog[:] = entries
    return CatalogChanges(added=added, removed=removed, untranslated=untranslated)
