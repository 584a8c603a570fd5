"""Small widgets shared by the apps' forms."""

from __future__ import annotations

from django import forms
from django.urls import reverse


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO format, as it expects."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MarkdownEditor(forms.Textarea):
    """A Markdown field with a small toolbar (bold, italic, headings, lists,
    link, table) and an "Aperçu" tab rendered by the server (htmx POST to
    `preview_url`, which answers the sanitised HTML fragment).

    Every Markdown field of the portal uses it: people write without knowing
    Markdown, and see what they will get before saving. An app with its own
    syntax (the guide's `[[slug]]` links) passes its own `preview_url`."""

    template_name = "widgets/markdown_editor.html"

    def __init__(self, attrs: dict | None = None, preview_url: str | None = None):
        base = {"rows": 14, "class": "markdown-editor__text"}
        base.update(attrs or {})
        super().__init__(attrs=base)
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = self.preview_url or reverse("markdown_preview")
        return context
