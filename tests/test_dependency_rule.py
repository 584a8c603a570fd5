"""The dependency rule between the portal's apps, read from the import statements.

`gecolib` (the core) imports no feature app; `structures` (the hub) imports only
`gecolib`; `facilitations` and `protocols` import `gecolib` and `structures`;
`guide` imports only `gecolib`. An import of another app is written at the top
of the module: one inside a function (a way to dodge a cycle) fails too.
Migrations are left out (they name other apps' models by label)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "gecolib": set(),
    "structures": {"gecolib"},
    "facilitations": {"gecolib", "structures"},
    "protocols": {"gecolib", "structures"},
    "rcp": {"gecolib", "structures"},
    "guide": {"gecolib"},
}
# The project package's composition root may name every app.
COMPOSITION_ROOT = {"gecolib/urls.py", "gecolib/settings.py", "gecolib/wsgi.py", "gecolib/asgi.py"}


def _app_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported app, inside a function) for each import of a portal app."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [child.module]
            for name in names:
                top = name.split(".")[0]
                if top in ALLOWED:
                    found.append((child.lineno, top, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def _app_modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        and path.relative_to(ROOT).as_posix() not in COMPOSITION_ROOT
    ]


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {app: set() for app in ALLOWED if (ROOT / app).is_dir()}
    for app in graph:
        for path in _app_modules(app):
            graph[app] |= {top for _, top, _ in _app_imports(path) if top != app}
    return graph


@pytest.mark.parametrize("app", [app for app in ALLOWED if (ROOT / app).is_dir()])
def test_app_imports_only_what_the_rule_allows(app):
    wrong = []
    for path in _app_modules(app):
        for line, top, in_function in _app_imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if top != app and top not in ALLOWED[app]:
                wrong.append(f"{where} {app} → {top}")
            elif top != app and in_function:
                wrong.append(f"{where} import of {top} inside a function")
    assert not wrong, "\n".join(wrong)


def test_no_cycle_between_apps():
    graph = app_graph()
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(app: str, path: list[str]) -> None:
        assert app not in visiting, " → ".join([*path, app])
        if app in done:
            return
        visiting.add(app)
        for other in sorted(graph.get(app, ())):
            visit(other, [*path, app])
        visiting.discard(app)
        done.add(app)

    for app in graph:
        visit(app, [])


def test_the_rule_catches_a_forbidden_import(tmp_path):
    """The reader sees imports at the top and inside functions."""
    module = tmp_path / "example.py"
    module.write_text(
        "from structures.models import Structure\n\n"
        "def f():\n    from facilitations.models import Facilitation\n"
    )
    assert _app_imports(module) == [(1, "structures", False), (4, "facilitations", True)]
