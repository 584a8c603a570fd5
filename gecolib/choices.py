"""Model choices listed in French order in every select and checkbox list.

A database sorts « Épithésiste » after « Sage-femme » (byte order, or SQLite's
default collation); people look for it among the E. `french_order(field)`
makes a ModelChoiceField (or ModelMultipleChoiceField) list its choices by
their label, accents and case ignored (gecolib.text.french_sort_key).
"""

from __future__ import annotations

from django import forms

from .text import french_sort_key


class FrenchOrderIterator(forms.models.ModelChoiceIterator):
    """The field's empty choice, then its objects sorted by label, French way."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = list(self.queryset)
        objects.sort(key=lambda obj: french_sort_key(self.field.label_from_instance(obj)))
        for obj in objects:
            yield self.choice(obj)


def french_order(field: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """List `field`'s choices in French order; returns the field."""
    field.iterator = FrenchOrderIterator
    field.widget.choices = field.choices
    return field


def empty_choice(field: forms.Field, label) -> forms.Field:
    """Give a select a meaningful empty choice (« — Choisir le type — ») in
    place of Django's bare « --------- »; returns the field."""
    if isinstance(field, forms.ModelChoiceField):
        field.empty_label = label
        return field
    choices = [choice for choice in field.choices if choice[0] not in ("", None)]
    field.choices = [("", label), *choices]
    return field
