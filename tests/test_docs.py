"""The README, SECURITY.md and docs/ stay true to the code: links resolve, every environment
variable the portal reads is in the table of docs/exploitation.md, the
deployment example is the one `check --deploy` is tested with, and the README
carries no benchmark timings (docs/performance.md holds the reference figures,
the benchmarks' own output is the source of truth)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.gecolib.test_settings_deploy import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
ENV_HELPERS = {"envstr", "envbool", "envint", "envlist"}
# Read by the settings, set by pytest itself: nothing to configure.
NOT_CONFIGURATION = {"PYTEST_VERSION"}


def _anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {_anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, flags=re.M)}


def _links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(page):
    broken = []
    for target in _links(page):
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(target)
        elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination):
            broken.append(target)
    assert not broken, f"liens cassés dans {page.name} : {broken}"


def test_readme_links_every_docs_page():
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in _links(ROOT / "README.md")}
    missing = [p.name for p in PAGES[1:] if p.resolve() not in linked]
    assert not missing, f"pages de docs/ absentes du README : {missing}"


def _variables_read(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ENV_HELPERS:
            names.add(first.value)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and ast.unparse(func.value).endswith("environ")
        ):
            names.add(first.value)
    return names


def test_every_environment_variable_is_documented():
    sources = [ROOT / "gecolib" / "settings.py", *(ROOT / "gecolib" / "management").rglob("*.py")]
    read = set().union(*(_variables_read(path) for path in sources)) - NOT_CONFIGURATION
    assert {"SECRET_KEY", "DATABASE_URL", "BACKUP_DIR"} <= read  # the scan finds them
    table = (ROOT / "docs" / "exploitation.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in read if f"`{name}`" not in table)
    assert not undocumented, f"variables absentes de docs/exploitation.md : {undocumented}"


def test_deployment_example_is_the_tested_one():
    text = (ROOT / "docs" / "exploitation.md").read_text(encoding="utf-8")
    for name, value in PRODUCTION.items():
        assert f"{name}={value}" in text, f"{name}={value} absent du déploiement documenté"


def test_readme_has_no_timings():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\d\s?(ms|s)\b", text), "les chiffres de mesure vont dans docs/"
