"""Tables of an imported document, before they become Markdown.

A Markdown table needs a header row. A table whose source marks one (`<th>`,
`<thead>`, Word's "repeat as header row") keeps it. A table without one gets
its first row as header only when that row looks like one: every cell in
bold, or short labels (no figures, no sentence) above rows that are not.
Otherwise the table is not given an empty header: it becomes a list, one
line per row ("**Durée** : 30 minutes" for a two-column table of labels and
values), and the report says so.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from django.utils.translation import gettext as _

# A header cell is a short label.
LABEL_MAX_LENGTH = 40
FIGURE_RE = re.compile(r"\d")


def _rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def _text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ", strip=True).split())


def _all_bold(cell: Tag) -> bool:
    text = _text(cell)
    bold = " ".join(
        " ".join(b.get_text(" ", strip=True).split()) for b in cell.find_all(["strong", "b"])
    )
    return bool(text) and bold == text


def _is_label(text: str) -> bool:
    return (
        0 < len(text) <= LABEL_MAX_LENGTH
        and not FIGURE_RE.search(text)
        and not text.endswith((".", ":", ";"))
    )


def looks_like_header(rows: list[list[Tag]]) -> bool:
    """Whether the first row of a table without a marked header is one."""
    if len(rows) < 2 or not rows[0]:
        return False
    first = rows[0]
    if all(_all_bold(cell) for cell in first):
        return True
    if not all(_is_label(_text(cell)) for cell in first):
        return False
    # Labels above something else: a figure, a sentence, a longer text.
    longest = max(len(_text(cell)) for cell in first)
    return any(
        not _is_label(_text(cell)) or len(_text(cell)) > longest for row in rows[1:] for cell in row
    )


def prepare_tables(content: Tag, soup: BeautifulSoup, warnings: list[str]) -> None:
    """Give each table a header row or turn it into a list, in place."""
    for table in content.find_all("table"):
        rows = _rows(table)
        cells = [_cells(row) for row in rows]
        if not rows or any(cell.name == "th" for cell in cells[0]) or table.find("thead"):
            continue
        if looks_like_header(cells):
            for cell in cells[0]:
                cell.name = "th"
                for bold in cell.find_all(["strong", "b"]):  # a header is bold already
                    bold.unwrap()
            continue
        table.replace_with(_as_list(cells, soup))
        warnings.append(
            _("Tableau sans ligne d'en-tête converti en liste : vérifiez sa mise en forme.")
        )


def _as_list(rows: list[list[Tag]], soup: BeautifulSoup) -> Tag:
    listing = soup.new_tag("ul")
    for cells in rows:
        texts = [_text(cell) for cell in cells]
        if not any(texts):
            continue
        item = soup.new_tag("li")
        if len(cells) == 2 and texts[0] and texts[1]:
            label = soup.new_tag("strong")
            label.append(texts[0])
            item.append(label)
            item.append(f" : {texts[1]}")
        else:
            item.append(" · ".join(text for text in texts if text))
        listing.append(item)
    return listing
