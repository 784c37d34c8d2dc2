"""The project's import graph: no cycles, and no imports hidden inside functions.

A cycle means two modules cannot be understood (or changed) one without the
other; an import moved into a function to get round one hides it from readers
and from this test. Every import counts, wherever it is written, including those
under `if TYPE_CHECKING:`, so a layer cannot lean on a higher one for its types
either. The one place a function may import the project's modules is
`AppConfig.ready()`, where Django wants signal handlers connected once the
registry is ready.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("articles", "newsroom")


def project_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = project_modules()


def imported(name: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The project modules one import statement loads."""
    if isinstance(node, ast.Import):
        targets = {alias.name for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = name.split(".")
            if not MODULES[name].name == "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        targets = {f"{base}.{alias.name}" for alias in node.names} | {base}
    found = set()
    for target in targets:
        # `from articles.web import views` loads articles.web.views; `from
        # articles.models import Article` loads articles.models.
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


class Imports(ast.NodeVisitor):
    def __init__(self, name: str):
        self.name = name
        self.edges: set[str] = set()
        self.hidden: list[str] = []
        self.scopes: list[str] = []

    def visit_ClassDef(self, node):
        self.scopes.append(node.name)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_FunctionDef(self, node):
        self.scopes.append(f"{node.name}()")
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _import(self, node):
        targets = imported(self.name, node)
        self.edges |= targets
        in_function = any(scope.endswith("()") for scope in self.scopes)
        in_ready = self.name.endswith(".apps") and self.scopes[-1:] == ["ready()"]
        if targets and in_function and not in_ready:
            self.hidden.append(f"{self.name}:{node.lineno} in {'.'.join(self.scopes)}")

    visit_Import = visit_ImportFrom = _import


def scan() -> tuple[dict[str, set[str]], list[str]]:
    graph, hidden = {}, []
    for name, path in MODULES.items():
        visitor = Imports(name)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = visitor.edges
        hidden += visitor.hidden
    return graph, hidden


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_project_has_no_import_cycles():
    graph, _hidden = scan()
    assert strongly_connected(graph) == []


def test_no_project_import_hides_inside_a_function():
    _graph, hidden = scan()
    assert hidden == []


def test_the_scan_sees_the_imports_it_judges():
    """The checks above would pass on an empty graph: make sure it is not one."""
    graph, _hidden = scan()
    assert "articles.domain.languages" in graph["articles.models"]
    assert "articles.web.views" in graph["articles.urls"]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", ["domain", "services", "selectors", "web", "cache", "ninjs"])
def test_every_package_says_what_it_holds(package):
    module = ast.parse((ROOT / "articles" / package / "__init__.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(module), f"articles/{package}/__init__.py has no docstring"
