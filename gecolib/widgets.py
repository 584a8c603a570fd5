"""Small widgets shared by the apps' forms."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO format, as it expects."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
