"""A page's content compared field by field (gecolib.diff): the version
online against the draft, a draft in review, an unsaved text, a conflict."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from gecolib.diff import FieldDiff, diff_contents

CONTENT_LABELS = [
    ("title", gettext_lazy("Titre")),
    ("summary", gettext_lazy("Résumé")),
    ("body", gettext_lazy("Texte")),
    ("kind", gettext_lazy("Type")),
    ("themes", gettext_lazy("Thèmes")),
    ("audience", gettext_lazy("Public")),
]


def comparable(content: dict) -> dict:
    """A revision content as texts, for the diff engine."""
    return {
        key: ", ".join(value) if isinstance(value, list) else str(value or "")
        for key, value in content.items()
    }


def content_diffs(old: dict, new: dict) -> list[FieldDiff]:
    """The fields that differ between two contents (empty: the same text)."""
    diffs = diff_contents(comparable(old), comparable(new), CONTENT_LABELS)
    return [diff for diff in diffs if diff.changed]
