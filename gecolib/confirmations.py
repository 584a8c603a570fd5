"""Confirmations of irreversible or heavy actions, one shape for every app.

A confirmation is shown twice: as a dialog on the page where the action
starts (`forms/_confirm_dialog.html`, with JavaScript) and, when the form is
sent without JavaScript or with an error, as a page of its own
(`forms/confirm_page.html`). Both read the context built by `confirmation()`.
"""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirmation(
    *,
    dialog_id: str,
    title: str,
    action: str,
    confirm_label: str,
    cancel_url: str,
    body_template: str = "",
    confirm_class: str = "btn-danger",
    form: BaseForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The context of a confirmation: `action` is the URL the form posts to,
    `body_template` says what will happen (it reads `extra`), `form` holds
    the fields to fill before confirming (a date, a reason), if any."""
    return {
        "dialog_id": dialog_id,
        "title": title,
        "body_template": body_template,
        "action": action,
        "confirm_label": confirm_label,
        "confirm_class": confirm_class,
        "cancel_url": cancel_url,
        "form": form,
        **extra,
    }


def confirm_page(
    request: HttpRequest, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """The page that asks for the confirmation without JavaScript (or shows the
    errors of its form, with `status=400`)."""
    return render(request, "forms/confirm_page.html", context, status=status)
