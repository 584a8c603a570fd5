"""Flash messages shared by the apps' views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def add_validation_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show each message of a refused state change (a model method's
    ValidationError) on the next page, as an error."""
    for message in error.messages:
        messages.error(request, message)
