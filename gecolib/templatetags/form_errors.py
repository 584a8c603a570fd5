"""The error summary of a form (and of the formsets laid out with it): each
error as a link to the field it concerns, so a failed submit leads to its
errors (RGAA 11.10, 11.11)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.forms import BaseForm, BaseFormSet, BoundField
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    anchor: str  # id of the element the link leads to ("" when none)
    label: str  # the field's label ("" for an error of the whole form)
    message: str


@register.filter
def field_anchor(field: BoundField) -> str:
    """The id of the element to focus for a field: the first choice of a
    group of radio buttons or checkboxes, else the input itself."""
    if not field.auto_id:
        return ""
    if field.use_fieldset:
        return field.id_for_label or f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


def _form_items(form: BaseForm, row: int | None = None) -> list[SummaryItem]:
    items = []
    first_anchor = next((field_anchor(f) for f in form.visible_fields()), "")
    for message in form.non_field_errors():
        items.append(SummaryItem(first_anchor, _row_label("", row), message))
    for field in form:
        for message in field.errors:
            if field.is_hidden:
                items.append(SummaryItem(first_anchor, _row_label("", row), message))
            else:
                label = _row_label(field.label, row)
                items.append(SummaryItem(field_anchor(field), label, message))
    return items


def _row_label(label: str, row: int | None) -> str:
    if row is None:
        return str(label)
    if not label:
        return _("Ligne %(row)d") % {"row": row}
    return _("%(label)s (ligne %(row)d)") % {"label": label, "row": row}


@register.simple_tag(takes_context=True)
def error_summary(context) -> dict:
    """The `form` then the `formset` of the context (either may be absent):
    every error in the order of the page, and an id for the summary."""
    form, formset = context.get("form"), context.get("formset")
    prefix = getattr(form, "prefix", None) or getattr(formset, "prefix", None) or "form"
    return {
        "id": f"{prefix}-error-summary",
        "items": error_items(form, formset),
        "title": context.get("summary_title") or "",
    }


def error_items(form: BaseForm | None, formset: BaseFormSet | None) -> list[SummaryItem]:
    """Every error of `form` then of `formset`, in the order of the page."""
    items: list[SummaryItem] = []
    if form is not None and getattr(form, "is_bound", False):
        items += _form_items(form)
    if formset is not None and getattr(formset, "is_bound", False):
        first = next((f for row in formset.forms for f in row.visible_fields()), None)
        anchor = field_anchor(first) if first is not None else ""
        for message in formset.non_form_errors():
            items.append(SummaryItem(anchor, "", message))
        for index, row_form in enumerate(formset.forms, start=1):
            items += _form_items(row_form, row=index)
    return items


@register.filter
def has_required_fields(form: BaseForm) -> bool:
    """Whether a visible field is required (then the page explains the
    asterisk)."""
    return any(f.field.required for f in form.visible_fields()) and not form.empty_permitted
