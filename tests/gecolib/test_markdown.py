"""Markdown of the portal: safe HTML with shifted headings, and plain text."""

import pytest

from gecolib.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    markdown_to_text,
    render_markdown,
)


def test_render_markdown_keeps_headings_by_default():
    assert render_markdown("# Titre\n\n## Sous-titre") == "<h1>Titre</h1>\n<h2>Sous-titre</h2>\n"


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(1, ["h2", "h3", "h6"]), (3, ["h4", "h5", "h6"]), (6, ["h6", "h6", "h6"])],
)
def test_render_markdown_shifts_heading_levels(offset, expected):
    html = render_markdown("# Un\n\n## Deux\n\n###### Six", heading_offset=offset)
    opened = [tag for tag in ("h1", "h2", "h3", "h4", "h5", "h6") if f"<{tag}>" in html]
    assert opened == sorted(set(expected))
    for tag in expected:
        assert f"</{tag}>" in html
    assert "<h1>" not in html


def test_render_markdown_shift_touches_only_headings():
    """Text that looks like a heading tag stays text: the shift is on Markdown
    headings, not on the HTML."""
    html = render_markdown("# Titre\n\nÉcrire `<h1>` ou <h2>x</h2>", heading_offset=3)
    assert html.startswith("<h4>Titre</h4>")
    assert "<code>&lt;h1&gt;</code>" in html
    assert "&lt;h2&gt;x&lt;/h2&gt;" in html


def test_render_markdown_is_sanitised_with_an_offset():
    html = render_markdown(
        "## [clic](javascript:alert(1)) <script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n[site](https://exemple.fr)',
        heading_offset=2,
    )
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html
    assert html.startswith("<h4>")
    assert '<a href="https://exemple.fr" rel="noopener noreferrer">site</a>' in html


def test_markdown_to_text_paragraphs_lists_and_links():
    text = markdown_to_text(
        "# Réunion **plénière**\n\n"
        "Ordre du jour, voir le [guide](https://exemple.fr/guide?p=1)\net *la charte*.\n\n"
        "- prévention des chutes\n"
        "- vaccination\n"
        "  - rappel de l'ARS\n\n"
        "1. accueil\n"
        "2. bilan\n\n"
        "Contact : <coordination@exemple.fr>, [écrire](mailto:ars@exemple.fr), "
        "<https://exemple.fr>"
    )
    assert text == (
        "Réunion plénière\n\n"
        "Ordre du jour, voir le guide (https://exemple.fr/guide?p=1) et la charte.\n\n"
        "- prévention des chutes\n"
        "- vaccination\n"
        "  - rappel de l'ARS\n\n"
        "1. accueil\n"
        "2. bilan\n\n"
        "Contact : coordination@exemple.fr, écrire (ars@exemple.fr), https://exemple.fr"
    )


def test_markdown_to_text_has_no_markup():
    text = markdown_to_text(
        "> Citation *importante*\n\n"
        "| Action | Pilote |\n| --- | --- |\n| Vaccination | pharmacienne |\n\n"
        "```\ncode  gardé\n```\n\n"
        "---\n\n"
        "Ligne un  \nligne deux &amp; `x < y`"
    )
    assert text == (
        "Citation importante\n\n"
        "Action | Pilote\nVaccination | pharmacienne\n\n"
        "code  gardé\n\n"
        "Ligne un\nligne deux & x < y"
    )
    for markup in ("**", "*", ">", "#", "```", "---", "<p>", "&amp;"):
        assert markup not in text.replace("x < y", "")


def test_markdown_to_text_of_nothing():
    assert markdown_to_text("") == ""


def test_render_markdown_aligns_table_columns_with_classes():
    """Column alignment becomes a class, never a style attribute: the
    Content-Security-Policy forbids style attributes (style-src 'self')."""
    html = render_markdown("| G | C | D | - |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |")
    assert "style=" not in html
    assert '<th class="text-start">G</th>' in html
    assert '<th class="text-center">C</th>' in html
    assert '<th class="text-end">D</th>' in html
    assert "<th>-</th>" in html
    assert '<td class="text-start">1</td>' in html
    assert '<td class="text-end">3</td>' in html
    assert "<td>4</td>" in html


def test_render_markdown_drops_styles_and_other_classes():
    """Whatever reaches the sanitiser, only the alignment classes survive on
    table cells, and no style attribute anywhere."""
    assert all("style" not in attributes for attributes in ALLOWED_ATTRIBUTES.values())
    assert all("class" not in attributes for attributes in ALLOWED_ATTRIBUTES.values())
    assert ALLOWED_CLASSES == {
        "th": {"text-start", "text-center", "text-end"},
        "td": {"text-start", "text-center", "text-end"},
    }
