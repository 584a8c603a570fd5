"""Markdown written in the portal (health projects, protocols, guide pages, the charter).

`render_markdown` gives safe HTML for pages and PDFs: markdown-it-py renders,
nh3 sanitises. `markdown_to_text` gives plain text for search indexes and e-mails.
Both read markdown-it's token stream, so headings and links are handled as
Markdown structure, never by rewriting HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s",
    "ul", "ol", "li", "blockquote", "code", "pre", "a", "table", "thead", "tbody",
    "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Table column alignment, as classes (Bootstrap's on pages, print.css in PDFs):
# markdown-it writes it as a style attribute, which the Content-Security-Policy
# forbids.
ALIGN_CLASSES = {
    "text-align:left": "text-start",
    "text-align:center": "text-center",
    "text-align:right": "text-end",
}
ALLOWED_CLASSES = {tag: set(ALIGN_CLASSES.values()) for tag in ("th", "td")}


def _shift_headings(tokens: Sequence[Token], offset: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1]) + offset
            token.tag = f"h{min(max(level, 1), 6)}"


def _align_with_classes(tokens: Sequence[Token]) -> None:
    for token in tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if style in ALIGN_CLASSES:
                token.attrSet("class", ALIGN_CLASSES[str(style)])


@dataclass(frozen=True)
class Heading:
    """A heading of a text, for an in-page table of contents."""

    level: int  # as written (1 for `#`)
    text: str
    anchor: str


def _anchor_base(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def _headings(tokens: Sequence[Token]) -> list[tuple[Token, Heading]]:
    """Each heading's opening token and its unique anchor ("titre", "titre-2", …)."""
    found, used = [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        text = _inline_text(inline.children or [])
        base = anchor = _anchor_base(text)
        n = 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        found.append((token, Heading(int(token.tag[1]), text, anchor)))
    return found


def markdown_headings(text: str) -> list[Heading]:
    """The headings of a text with the anchors `render_markdown(anchors=True)` gives them."""
    return [heading for _token, heading in _headings(_md.parse(text or ""))]


ImageSource = Callable[[str], str | None]


def _resolve_images(tokens: Sequence[Token], image_src: ImageSource | None) -> None:
    """Keep an image only when `image_src` maps its address to a served URL;
    otherwise it becomes its alternative text."""
    for token in tokens:
        for child in token.children or []:
            if child.type != "image":
                continue
            src = image_src(str(child.attrGet("src") or "")) if image_src else None
            if src:
                child.attrSet("src", src)
            else:
                child.type, child.tag, child.attrs = "text", "", {}
                child.content = child.content or ""
                child.children = None


def render_markdown(
    text: str,
    *,
    heading_offset: int = 0,
    anchors: bool = False,
    image_src: ImageSource | None = None,
) -> SafeString:
    """Markdown → sanitised HTML.

    `heading_offset` moves the headings written in the text below the title of
    the page or document that shows them: with 3, `# Titre` becomes an h4
    (levels are capped at h6). `anchors` gives each heading an `id` (see
    `markdown_headings`). Images are kept only where `image_src` maps their
    address to a URL the app serves (the guide's attachments)."""
    tokens = _md.parse(text or "")
    if anchors:
        for token, heading in _headings(tokens):
            token.attrSet("id", heading.anchor)
    if heading_offset:
        _shift_headings(tokens, heading_offset)
    _align_with_classes(tokens)
    _resolve_images(tokens, image_src)
    html = _md.renderer.render(tokens, _md.options, {})
    attributes = dict(ALLOWED_ATTRIBUTES)
    tags = set(ALLOWED_TAGS)
    if anchors:
        attributes.update({f"h{level}": {"id"} for level in range(1, 7)})
    if image_src:
        tags.add("img")
        attributes["img"] = {"src", "alt", "title"}
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


# -- plain text -----------------------------------------------------------------------


def _inline_text(children: Sequence[Token]) -> str:
    """The words of an inline run: emphasis dropped, links as "label (url)"."""
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # (href, where its label starts in parts)
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "softbreak":
            parts.append(" ")
        elif token.type == "hardbreak":
            parts.append("\n")
        elif token.type == "image":
            parts.append(token.content)  # its alternative text
        elif token.type == "link_open":
            links.append((str(token.attrGet("href") or ""), len(parts)))
        elif token.type == "link_close" and links:
            href, start = links.pop()
            address = href.removeprefix("mailto:")
            label = "".join(parts[start:]).strip()
            # An autolink (<https://…>, <nom@exemple.fr>) already shows its address.
            if address and address != label:
                parts[start:] = [f"{label} ({address})" if label else address]
    return "".join(parts).strip()


def markdown_to_text(text: str) -> str:
    """Markdown → plain text, for search indexes and e-mails.

    No markup is left: paragraphs and headings are separated by a blank line;
    list items are kept one a line as "- item" ("1. item" in a numbered list),
    indented by two spaces per nested level; links read "label (url)", an e-mail
    link "label (address)"; a table row is one line, its cells separated by " | ";
    code is kept as written. Raw HTML typed in the text stays as typed (it is text)."""
    blocks: list[str] = []  # paragraphs, headings, whole lists, tables
    lines: list[str] = []  # the lines of the list being read
    lists: list[list] = []  # open lists, innermost last: [ordered, next number]
    item_marker = ""  # prefix of the next line of the current list item
    rows: list[str] = []  # the rows of the table being read
    cells: list[str] = []
    in_table = False

    def add(line: str) -> None:
        nonlocal item_marker
        if in_table:
            cells.append(line)
        elif lists:
            lines.append(item_marker + line)
            item_marker = " " * len(item_marker)  # later paragraphs of the item line up
        elif line:
            blocks.append(line)

    for token in _md.parse(text or ""):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([kind == "ordered_list_open", int(start) if start else 1])
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            indent = "  " * (len(lists) - 1)
            item_marker = indent + (f"{number}. " if ordered else "- ")
            lists[-1][1] += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                blocks.append("\n".join(lines))
                lines = []
        elif kind == "table_open":
            in_table = True
        elif kind == "tr_close":
            rows.append(" | ".join(cells).rstrip())
            cells = []
        elif kind == "table_close":
            in_table = False
            add("\n".join(rows))
            rows = []
        elif kind == "inline":
            add(_inline_text(token.children or []))
        elif kind in ("fence", "code_block"):
            add(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block.strip())


# -- one line, for comparisons ---------------------------------------------------------

_LINE_BLOCK = re.compile(
    r"^\s*(?:(?P<heading>#{1,6})\s+|(?P<bullet>[-*+])\s+|(?P<number>\d{1,9})[.)]\s+|(?P<quote>>)\s?)"
)
_TABLE_RULE = re.compile(r"^\s*:?-{1,}:?\s*$")
_INLINE_STYLES = {"strong_open": "strong", "em_open": "em", "s_open": "s", "link_open": "link"}
_INLINE_CLOSES = {"strong_close": "strong", "em_close": "em", "s_close": "s", "link_close": "link"}


@dataclass(frozen=True)
class MarkdownLine:
    """A line of Markdown as a reader sees it: its block (`heading2`, `bullet`,
    `ordered`, `quote`, `table`, `rule` for a table's alignment row, `text`),
    what is shown before its words ("• ", "3. "), and its text as runs of
    (text, styles) where styles are among strong, em, s, code, link."""

    block: str
    prefix: str
    runs: tuple[tuple[str, frozenset[str]], ...]


def _inline_runs(text: str) -> list[tuple[str, frozenset[str]]]:
    runs: list[tuple[str, frozenset[str]]] = []
    styles: list[str] = []
    for block in _md.parseInline(text):
        for token in block.children or []:
            if token.type in _INLINE_STYLES:
                styles.append(_INLINE_STYLES[token.type])
            elif token.type in _INLINE_CLOSES and _INLINE_CLOSES[token.type] in styles:
                styles.remove(_INLINE_CLOSES[token.type])
            elif token.type == "text":
                runs.append((token.content, frozenset(styles)))
            elif token.type == "code_inline":
                runs.append((token.content, frozenset([*styles, "code"])))
            elif token.type in ("softbreak", "hardbreak"):
                runs.append((" ", frozenset()))
            elif token.type == "image":
                runs.append((token.content, frozenset(styles)))
    return runs


def markdown_line(line: str) -> MarkdownLine:
    """One line of Markdown source read on its own (a comparison goes line by
    line): the block marks ("## ", "- ", "1. ", "> ", table pipes) and the
    inline marks (**, *, ~~, `, links) become a block and styles, so a diff
    shows formatted words instead of raw marks."""
    stripped = line.strip()
    if stripped.startswith("|"):
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        if cells and all(_TABLE_RULE.match(cell) for cell in cells):
            return MarkdownLine("rule", "", ())
        runs: list[tuple[str, frozenset[str]]] = []
        for index, cell in enumerate(cells):
            if index:
                runs.append((" │ ", frozenset()))
            runs.extend(_inline_runs(cell))
        return MarkdownLine("table", "", tuple(runs))
    match = _LINE_BLOCK.match(line)
    if not match:
        return MarkdownLine("text", "", tuple(_inline_runs(line)))
    rest = line[match.end() :]
    if match["heading"]:
        block, prefix = f"heading{len(match['heading'])}", ""
    elif match["bullet"]:
        block, prefix = "bullet", "• "
    elif match["number"]:
        block, prefix = "ordered", f"{match['number']}. "
    else:
        block, prefix = "quote", ""
    return MarkdownLine(block, prefix, tuple(_inline_runs(rest)))
