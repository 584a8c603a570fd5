"""Errors shown as flash messages, for views that redirect rather than
render a form again (a refused state change, a one-field POST form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def add_validation_errors(request: HttpRequest, error: ValidationError) -> None:
    """One error message per message of a model's `ValidationError`."""
    for message in error.messages:
        messages.error(request, message)


def add_form_errors(request: HttpRequest, form: BaseForm) -> None:
    """One error message per error of an invalid form, field by field."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
