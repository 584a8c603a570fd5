"""Differences between two revisions of a document, field by field.

A document is a list of named text fields (the sections of a health project,
the title and text of the charter). Each field gets a line diff with word-level
marks inside the lines that were edited, and unchanged runs shortened to a
little context. The texts are Markdown: each line is also given as HTML that
shows what a reader sees (bold words, headings, "•" bullets) instead of the
raw marks (`**`, `##`, `- `), and an edited line is compared word by word on
that rendered text (`markdown=False` for plain text):

    diff_fields([("title", "Titre", old_title, new_title), ...])
    diff_contents(old.content, new.content, [("title", "Titre"), ("text", "Texte")])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .markdown import MarkdownLine, markdown_line

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
CONTEXT_LINES = 2
SIMILAR_LINE = 0.5  # lines at least this similar are shown as one edited line
MAX_PAIRING = 2_500  # beyond this many line pairs, no pairing (cost)


@dataclass
class DiffLine:
    """One line of a field diff. kind: equal, added, removed, changed, skipped.
    For `changed`, `segments` are (kind, text) pairs with kind equal/added/removed
    over the source, `old_text` and `text` the two versions of the line.
    `html` (equal, added, removed) and `html_segments` (changed) are what the
    comparison page shows: the rendered line."""

    kind: str
    text: str = ""
    segments: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    old_text: str = ""
    html: SafeString = field(default_factory=lambda: mark_safe(""))
    html_segments: list[tuple[str, SafeString]] = field(default_factory=list)
    block_class: str = ""


@dataclass
class FieldDiff:
    key: str
    label: str
    lines: list[DiffLine]
    added: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def _word_segments(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(b[j1:j2])))
    return segments


def _replace_block(old: list[str], new: list[str]) -> list[DiffLine]:
    """Pair each old line with the most similar new line still ahead (an edit
    shown word by word); what is left unpaired is removed or added."""
    if len(old) * len(new) > MAX_PAIRING:
        return [DiffLine("removed", t) for t in old] + [DiffLine("added", t) for t in new]
    result: list[DiffLine] = []
    start = 0
    for old_line in old:
        best, best_ratio = None, SIMILAR_LINE
        for index in range(start, len(new)):
            ratio = difflib.SequenceMatcher(None, old_line, new[index], autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = index, ratio
        if best is None:
            result.append(DiffLine("removed", old_line))
            continue
        result.extend(DiffLine("added", t) for t in new[start:best])
        result.append(
            DiffLine(
                "changed",
                text=new[best],
                old_text=old_line,
                segments=_word_segments(old_line, new[best]),
            )
        )
        start = best + 1
    result.extend(DiffLine("added", t) for t in new[start:])
    return result


def diff_text(old: str, new: str, *, markdown: bool = True) -> tuple[list[DiffLine], int, int]:
    """Line diff of two texts (lines, added count, removed count), each line
    also rendered (Markdown unless `markdown=False`)."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    added = removed = 0
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            run = a[i1:i2]
            head = run[:CONTEXT_LINES] if index > 0 else []
            tail = run[-CONTEXT_LINES:] if index < len(opcodes) - 1 else []
            if len(head) + len(tail) >= len(run):
                lines.extend(DiffLine("equal", text) for text in run)
                continue
            lines.extend(DiffLine("equal", text) for text in head)
            lines.append(DiffLine("skipped", skipped=len(run) - len(head) - len(tail)))
            lines.extend(DiffLine("equal", text) for text in tail)
        elif tag == "replace":
            lines.extend(_replace_block(a[i1:i2], b[j1:j2]))
            removed += i2 - i1
            added += j2 - j1
        else:
            lines.extend(DiffLine("removed", text) for text in a[i1:i2])
            lines.extend(DiffLine("added", text) for text in b[j1:j2])
            removed += i2 - i1
            added += j2 - j1
    for line in lines:
        _render(line, markdown)
    return lines, added, removed


def diff_fields(
    fields: Iterable[tuple[str, str, str, str]], *, markdown: bool = True
) -> list[FieldDiff]:
    """One diff per (key, label, old text, new text), in the order given."""
    result = []
    for key, label, old, new in fields:
        lines, added, removed = diff_text(old or "", new or "", markdown=markdown)
        result.append(FieldDiff(str(key), str(label), lines, added, removed))
    return result


def diff_contents(
    old: Mapping[str, str],
    new: Mapping[str, str],
    labels: Iterable[tuple[str, str]],
    *,
    markdown: bool = True,
) -> list[FieldDiff]:
    """Diff two revision contents (field key → text) over the (key, label) pairs,
    in their order; a field missing on one side counts as empty."""
    return diff_fields(
        ((key, label, old.get(key, ""), new.get(key, "")) for key, label in labels),
        markdown=markdown,
    )


# -- rendered lines (every piece of text escaped before it is marked safe) ---------------

Word = tuple[str, frozenset[str]]
# Styles as tags, outermost first.
_STYLE_TAGS = (
    ("link", '<span class="diff-link">', "</span>"),
    ("strong", "<strong>", "</strong>"),
    ("em", "<em>", "</em>"),
    ("s", "<s>", "</s>"),
    ("code", "<code>", "</code>"),
)


def _plain_line(text: str) -> MarkdownLine:
    return MarkdownLine("text", "", ((text, frozenset()),))


def _words(line: MarkdownLine) -> list[Word]:
    return [(word, styles) for text, styles in line.runs for word in _TOKENS.findall(text)]


def _styled(words: list[Word]) -> str:
    """Consecutive words of the same styles in one set of tags."""
    html, index = [], 0
    while index < len(words):
        styles = words[index][1]
        end = index
        while end < len(words) and words[end][1] == styles:
            end += 1
        text = escape("".join(word for word, _ in words[index:end]))
        for style, open_tag, close_tag in reversed(_STYLE_TAGS):
            if style in styles:
                text = f"{open_tag}{text}{close_tag}"
        html.append(text)
        index = end
    return "".join(html)


def _block_class(line: MarkdownLine) -> str:
    """The class of the line's block: a heading stands out, a quote is
    indented, a table's alignment row is a thin rule."""
    if line.block.startswith("heading"):
        return f"diff-heading diff-heading-{line.block.removeprefix('heading')}"
    return {"quote": "diff-quote", "rule": "diff-rule", "table": "diff-table"}.get(line.block, "")


def _render(line: DiffLine, markdown: bool) -> None:
    parse = markdown_line if markdown else _plain_line
    if line.kind in ("equal", "added", "removed"):
        parsed = parse(line.text)
        line.block_class = _block_class(parsed)
        line.html = mark_safe(escape(parsed.prefix) + _styled(_words(parsed)))  # noqa: S308
        return
    if line.kind != "changed":
        return
    old, new = parse(line.old_text), parse(line.text)
    line.block_class = _block_class(new)
    segments: list[tuple[str, SafeString]] = []
    if old.prefix != new.prefix:
        if old.prefix:
            segments.append(("removed", escape(old.prefix)))
        if new.prefix:
            segments.append(("added", escape(new.prefix)))
    elif new.prefix:
        segments.append(("equal", escape(new.prefix)))
    a, b = _words(old), _words(new)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", mark_safe(_styled(b[j1:j2]))))  # noqa: S308
            continue
        if i2 > i1:
            segments.append(("removed", mark_safe(_styled(a[i1:i2]))))  # noqa: S308
        if j2 > j1:
            segments.append(("added", mark_safe(_styled(b[j1:j2]))))  # noqa: S308
    line.html_segments = segments
