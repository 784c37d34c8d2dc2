"""The messages the project's sources ask to translate, found without GNU gettext.

`makemessages` needs xgettext, which CI machines lack; the catalog tests still
have to know what the sources use. Python files are read with `ast`, Django
templates with the grammar of `{% translate %}` and `{% blocktranslate %}`,
Jinja2 templates (templates/jinja2/) with Jinja2's own extractor. The walk
skips what `makemessages` is told to skip (docs/workflow.md), so the two agree.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def reader_facing(self) -> bool:
        return bool(READER_FACING.match(self.where))


def project_messages(root: Path = ROOT) -> list[Message]:
    """Every translatable message of the project's Python, Django and Jinja2 sources."""
    found: list[Message] = []
    for path in _files(root):
        relative = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found.extend(python_messages(text, relative))
        elif Path(relative).is_relative_to(JINJA2_DIR):
            found.extend(jinja2_messages(text, relative))
        else:
            found.extend(django_template_messages(text, relative))
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
        yield Message(singular, context, plural, where)


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
    for match in _TRANSLATE.finditer(source):
        yield Message(_unquote(match[1]), _context(match[2]), None, where)
    for match in _BLOCK.finditer(source):
        options = match["options"]
        parts = [
            _block_msgid(part, "trimmed" in options.split())
            for part in _PLURAL.split(match["body"])
        ]
        yield Message(parts[0], _context(options), parts[1] if len(parts) > 1 else None, where)
    for match in _UNDERSCORE.finditer(source):
        yield Message(_unquote(match[1]), None, None, where)


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
    for _line, function, found in jinja2.ext.extract_from_ast(tree, babel_style=True):
        strings = list(found) if isinstance(found, tuple) else [found]
        context = strings.pop(0) if function in ("pgettext", "npgettext") else None
        plural = strings[1] if function in ("ngettext", "npgettext") else None
        # A computed argument is not a message, as for xgettext.
        if strings[0] is None or (function in ("pgettext", "npgettext") and context is None):
            continue
        if function in ("ngettext", "npgettext") and plural is None:
            continue
        yield Message(strings[0], context, plural, where)
