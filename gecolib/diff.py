"""Differences between two revisions of a document, field by field.

A document is a list of named text fields (the sections of a health project,
the title and text of the charter). Each field gets a line diff with word-level
marks inside the lines that were edited, and unchanged runs shortened to a
little context:

    diff_fields([("title", "Titre", old_title, new_title), ...])
    diff_contents(old.content, new.content, [("title", "Titre"), ("text", "Texte")])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
CONTEXT_LINES = 2
SIMILAR_LINE = 0.5  # lines at least this similar are shown as one edited line
MAX_PAIRING = 2_500  # beyond this many line pairs, no pairing (cost)


@dataclass
class DiffLine:
    """One line of a field diff. kind: equal, added, removed, changed, skipped.
    For `changed`, `segments` are (kind, text) pairs with kind equal/added/removed."""

    kind: str
    text: str = ""
    segments: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0


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
        result.append(DiffLine("changed", segments=_word_segments(old_line, new[best])))
        start = best + 1
    result.extend(DiffLine("added", t) for t in new[start:])
    return result


def diff_text(old: str, new: str) -> tuple[list[DiffLine], int, int]:
    """Line diff of two texts (lines, added count, removed count)."""
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
    return lines, added, removed


def diff_fields(fields: Iterable[tuple[str, str, str, str]]) -> list[FieldDiff]:
    """One diff per (key, label, old text, new text), in the order given."""
    result = []
    for key, label, old, new in fields:
        lines, added, removed = diff_text(old or "", new or "")
        result.append(FieldDiff(str(key), str(label), lines, added, removed))
    return result


def diff_contents(
    old: Mapping[str, str], new: Mapping[str, str], labels: Iterable[tuple[str, str]]
) -> list[FieldDiff]:
    """Diff two revision contents (field key → text) over the (key, label) pairs,
    in their order; a field missing on one side counts as empty."""
    return diff_fields((key, label, old.get(key, ""), new.get(key, "")) for key, label in labels)
