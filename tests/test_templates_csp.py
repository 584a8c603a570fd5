"""No template of the portal breaks its Content-Security-Policy.

The policy (`script-src 'self'; style-src 'self'`) lets a page run and style
itself only from files under static/: a style attribute, a <style> block, an
inline <script>, an `on…=` handler or a `javascript:` link would be blocked by
the browser (and reported). This test reads every template file of the
project, so a new one cannot bring them back unnoticed.

Allowed: the print templates WeasyPrint renders to PDF on the server (no
browser, no policy) — templates/print/ and any `pdf.html` or `…_pdf.html`.
"""

import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [
    PROJECT_DIR / "templates",
    *sorted(PROJECT_DIR.glob("*/templates")),
    *sorted(PROJECT_DIR.glob("protocols/*/templates")),  # the apps under protocols/
]

# Each rule reads the attributes of one tag (which may span several lines).
TAG = re.compile(r"<([a-zA-Z][\w:-]*)([^>]*)>")
ATTRIBUTE_RULES = {
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "htmx inline script (hx-on)": re.compile(r"\s(?:data-)?hx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
# A data block (JSON read by a script file) is not run, so the policy allows it.
DATA_TYPE = re.compile(r"""\stype\s*=\s*["']application/(?:ld\+)?json["']""", re.IGNORECASE)


def _is_print_template(path: Path) -> bool:
    return (
        path.name == "pdf.html"
        or path.name.endswith("_pdf.html")
        or (PROJECT_DIR / "templates" / "print") in path.parents
    )


def _templates() -> list[Path]:
    paths = {
        path
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*")
        if path.is_file() and path.suffix in {".html", ".svg", ".xml"}
    }
    return sorted(paths)


TEMPLATES = _templates()
CHECKED = [path for path in TEMPLATES if not _is_print_template(path)]


def offences(text: str) -> list[str]:
    """What in a template's text the policy would block, one line each."""
    found = []
    for tag in TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        what = [label for label, rule in ATTRIBUTE_RULES.items() if rule.search(attributes)]
        if name == "style":
            what.append("<style> block")
        if name == "script" and not re.search(r"\ssrc\s*=", attributes):
            if not DATA_TYPE.search(attributes):
                what.append("inline <script>")
        if what:
            number = text.count("\n", 0, tag.start()) + 1
            found.append(f"line {number}: {', '.join(what)}: {' '.join(tag.group(0).split())}")
    return found


def test_the_scan_reads_the_portal_templates():
    names = {path.relative_to(PROJECT_DIR).as_posix() for path in CHECKED}
    assert "templates/base.html" in names
    assert "templates/500.html" in names
    assert "structures/templates/structures/_map.html" in names
    # Only print templates are left out.
    assert {path.relative_to(PROJECT_DIR).as_posix() for path in TEMPLATES} - names == {
        "templates/print/base.html",
        "structures/templates/structures/health_project/pdf.html",
        "protocols/coordination/templates/protocols/coordination/pdf.html",
        "protocols/coordination/templates/protocols/coordination/pocket_pdf.html",
    }


@pytest.mark.parametrize(
    "snippet",
    [
        '<p style="color: red">',
        '<text class="x" style="text-decoration: none">',
        "<style>p { color: red }</style>",
        '<button onclick="go()">',
        '<select name="tri"\n        onchange="this.form.submit()">',
        '<div hx-on:click="alert(1)">',
        '<a href="javascript:void(0)">',
        "<script>alert(1)</script>",
        '<script type="module">import "x";</script>',
    ],
)
def test_the_scan_finds_what_the_policy_blocks(snippet):
    assert offences(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/epci-picker.js" defer></script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<p class="text-end" data-style="x">Le style de la structure</p>',
        '<polygon points="0,0 1,1" fill="#0b4f6c" stroke-width="2"/>',
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>',
    ],
)
def test_the_scan_lets_the_allowed_through(snippet):
    assert offences(snippet) == []


@pytest.mark.parametrize(
    "path", CHECKED, ids=[path.relative_to(PROJECT_DIR).as_posix() for path in CHECKED]
)
def test_template_keeps_to_the_content_security_policy(path):
    found = offences(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(PROJECT_DIR)} :\n" + "\n".join(found)
