"""The shared Markdown editor: the widget's toolbar and preview tab, and the
preview endpoint that renders with the pages' sanitiser."""

import re

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


def test_toolbar_buttons_say_what_they_do_in_words():
    """Words on the buttons, whose accessible names contain them (not « G »,
    « I », « T », « t » with a hidden name)."""
    html = str(NoteForm()["text"])
    buttons = re.findall(r"<button[^>]*data-md=[^>]*>(.*?)</button>", html, re.S)
    visible = [
        re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>|&nbsp;|[•1.]', " ", b)
        for b in buttons
    ]
    names = [" ".join(text.split()) for text in visible]
    assert names == ["Gras", "Italique", "Titre", "Sous-titre", "Liste", "Liste", "Lien", "Tableau"]
    assert 'Liste<span class="visually-hidden"> à puces</span>' in html
    assert 'Liste<span class="visually-hidden"> numérotée</span>' in html


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


def _all_form_classes():
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in _APPS:
            continue
        try:
            import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [c for c in seen if c.__module__.split(".")[0] in _APPS]


_NEW = {"guide", "protocols", "rcp"}
_APPS = {"gecolib", "structures", "facilitations", *_NEW}


def test_every_markdown_field_of_the_portal_uses_the_editor():
    """A field whose model field or label says Markdown, or whose text the
    portal renders as Markdown, is written with the toolbar and preview."""
    from gecolib.forms import CharterForm
    from structures.forms import SectionForm

    markdown_fields = []
    for form_class in _all_form_classes():
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        for name, field in form_class.base_fields.items():
            verbose = ""
            if model is not None:
                try:
                    verbose = str(model._meta.get_field(name).verbose_name)
                except Exception:  # noqa: BLE001 - a form-only field
                    verbose = ""
            if "markdown" in f"{field.label} {verbose}".lower() or isinstance(
                field.widget, MarkdownEditor
            ):
                markdown_fields.append((form_class, name, field))
    names = {(f.__name__, n) for f, n, _ in markdown_fields}
    assert {("CharterForm", "text"), ("SectionForm", "text")} <= names
    assert CharterForm in {f for f, _, _ in markdown_fields}
    assert SectionForm in {f for f, _, _ in markdown_fields}
    for form_class, name, field in markdown_fields:
        assert isinstance(field.widget, MarkdownEditor), f"{form_class.__name__}.{name}"
