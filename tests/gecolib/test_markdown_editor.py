"""The shared Markdown editor: the widget's toolbar and preview tab, and the
preview endpoint that renders with the pages' sanitiser."""

import pytest
from django import forms
from django.urls import reverse

from gecolib.widgets import MarkdownEditor

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    text = forms.CharField(widget=MarkdownEditor)


def test_widget_renders_toolbar_and_preview_target():
    html = str(NoteForm()["text"])
    assert 'role="toolbar"' in html
    assert 'data-md="bold"' in html and 'data-md="table"' in html
    assert f'hx-post="{reverse("markdown_preview")}"' in html
    assert 'id="id_text-preview"' in html


def test_preview_renders_sanitised_html(client, django_user_model):
    user = django_user_model.objects.create_user(email="a@example.fr", password="x-secret-1")
    client.force_login(user)
    response = client.post(
        reverse("markdown_preview"),
        {"field": "text", "text": "# Titre\n\n**gras** <script>alert(1)</script>"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Titre</h2>" in body and "<strong>gras</strong>" in body
    assert "<script>" not in body


def test_preview_of_empty_text_says_so(client, django_user_model):
    user = django_user_model.objects.create_user(email="b@example.fr", password="x-secret-1")
    client.force_login(user)
    response = client.post(reverse("markdown_preview"), {"field": "text", "text": "  "})
    assert "Rien à afficher" in response.content.decode()
