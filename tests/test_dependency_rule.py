"""The dependency rule between the portal's apps, read from everything that names an app.

`gecolib` (the core) names no feature app; `structures` (the hub) names only
`gecolib`; `facilitations` and the coordination tools under `protocols/`
(`protocols.coordination`, `protocols.cooperation`, `protocols.rcp`) name
`gecolib` and `structures` (and the `protocols` package itself), never each
other; `guide` names only `gecolib`. No cycle.

An app names another by:
- an import (at the top of the module: one inside a function, a way to dodge a
  cycle, fails too);
- a URL name in Python (`reverse("rcp:meeting")`, `redirect(...)`, a registry
  entry): any string « namespace:name » of an app's URL namespace;
- a dotted path in a string (`"guide.tasks.publish_scheduled_pages"`, a model
  label such as `"structures.Structure"`);
- `{% url 'namespace:…' %}` in its templates.

The composition root (the project's settings, root URLconf, Celery app, WSGI
and ASGI modules, and the base templates of `templates/`) assembles the apps
and may name every one. Migrations are left out (they name other apps' models
by label)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "gecolib": set(),
    "structures": {"gecolib"},
    "facilitations": {"gecolib", "structures"},
    "protocols.coordination": {"gecolib", "structures", "protocols"},
    "protocols.cooperation": {"gecolib", "structures", "protocols"},
    "protocols.rcp": {"gecolib", "structures", "protocols"},
    "assessments": {"gecolib", "structures"},
    "guide": {"gecolib"},
}
COMPOSITION_ROOT = {
    "gecolib/urls.py",
    "gecolib/settings.py",
    "gecolib/celery.py",
    "gecolib/wsgi.py",
    "gecolib/asgi.py",
}
# URL namespaces and model labels of each app.
NAMESPACES = {
    "structures": "structures",
    "facilitations": "facilitations",
    "protocols": "protocols.coordination",
    "cooperation": "protocols.cooperation",
    "rcp": "protocols.rcp",
    "assessments": "assessments",
    "guide": "guide",
}
LABELS = {**NAMESPACES, "gecolib": "gecolib"}
URL_NAME = re.compile(r"^([a-z_]+):[a-z_0-9]+$")
MODEL_LABEL = re.compile(r"^([a-z_]+)\.[A-Z][A-Za-z]+$")
TEMPLATE_URL = re.compile(r"\{%\s*url\s+['\"]([a-z_]+):")


def app_of(module: str) -> str:
    """The app of a module: `protocols.rcp` for `protocols.rcp.models`; the
    package `protocols` for its root modules."""
    parts = module.split(".")
    if parts[0] == "protocols" and len(parts) > 1 and f"protocols.{parts[1]}" in ALLOWED:
        return f"protocols.{parts[1]}"
    return parts[0]


def _is_portal(app: str) -> bool:
    return app in ALLOWED or app == "protocols"


def _module_exists(dotted: str) -> bool:
    """`guide.tasks` or `guide.tasks.publish` names a module of the tree."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        base = ROOT.joinpath(*parts[:end])
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return True
    return False


def _string_app(value: str) -> str | None:
    """The app a string names, if it names one."""
    if match := URL_NAME.match(value):
        return NAMESPACES.get(match.group(1))
    if match := MODEL_LABEL.match(value):
        return LABELS.get(match.group(1))
    if "." in value and " " not in value and _module_exists(value):
        app = app_of(value)
        return app if _is_portal(app) else None
    return None


def python_edges(path: Path) -> list[tuple[int, str, str]]:
    """(line, app named, how) for each app a Python module names; `how` is
    « import », « import in a function » or « string »."""
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
                app = app_of(name)
                if _is_portal(app):
                    how = "import in a function" if in_function else "import"
                    found.append((child.lineno, app, how))
            if isinstance(child, ast.Constant) and isinstance(child.value, str):
                app = _string_app(child.value)
                if app is not None:
                    found.append((child.lineno, app, "string"))
            visit(child, nested)

    visit(tree, False)
    return found


def template_edges(path: Path) -> list[tuple[int, str, str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = []
    for match in TEMPLATE_URL.finditer(text):
        app = NAMESPACES.get(match.group(1))
        if app is not None:
            found.append((text.count("\n", 0, match.start()) + 1, app, "{% url %}"))
    return found


def _app_dir(app: str) -> Path:
    return ROOT / app.replace(".", "/")


def _app_files(app: str) -> list[Path]:
    files = []
    for path in sorted(_app_dir(app).rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or rel in COMPOSITION_ROOT or "__pycache__" in rel:
            continue
        if path.suffix in (".py", ".html", ".txt"):
            files.append(path)
    return files


def app_edges(app: str) -> list[tuple[str, str, str]]:
    """(where, app named, how) for every other app that `app` names."""
    edges = []
    for path in _app_files(app):
        reader = python_edges if path.suffix == ".py" else template_edges
        for line, other, how in reader(path):
            if other != app:
                edges.append((f"{path.relative_to(ROOT)}:{line}", other, how))
    return edges


APPS = [app for app in ALLOWED if _app_dir(app).is_dir()]


def app_graph() -> dict[str, set[str]]:
    return {app: {other for _, other, _ in app_edges(app)} for app in APPS}


@pytest.mark.parametrize("app", APPS)
def test_app_names_only_what_the_rule_allows(app):
    wrong = [
        f"{where} {app} → {other} ({how})"
        for where, other, how in app_edges(app)
        if other not in ALLOWED[app] or how == "import in a function"
    ]
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


def test_the_reader_sees_imports_strings_and_url_names(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from structures.models import Structure\n\n"
        "def f():\n    from facilitations.models import Facilitation\n"
        "    return reverse('rcp:meeting', args=[1])\n\n"
        "TASK = 'guide.tasks.publish_scheduled_pages'\n"
        "MODEL = 'cooperation.NationalProtocol'\n"
        "TEXT = 'Une phrase. Pas un module.'\n"
    )
    assert python_edges(module) == [
        (1, "structures", "import"),
        (4, "facilitations", "import in a function"),
        (5, "protocols.rcp", "string"),
        (7, "guide", "string"),
        (8, "protocols.cooperation", "string"),
    ]


def test_the_reader_sees_url_tags_in_templates(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        "{% load i18n %}\n<a href=\"{% url 'protocols:protocol_create' 3 %}\">x</a>\n"
        "<a href='{% url \"home\" %}'>accueil</a>"
    )
    assert template_edges(template) == [(2, "protocols.coordination", "{% url %}")]


def test_the_composition_root_names_the_apps():
    """Settings, the root URLconf and the Celery beat schedule name the apps:
    they are read, and allowed as the composition root."""
    root_edges = {
        other
        for name in COMPOSITION_ROOT
        if (ROOT / name).is_file()
        for _, other, _ in python_edges(ROOT / name)
    }
    assert {"structures", "facilitations", "guide", "protocols.rcp"} <= root_edges
