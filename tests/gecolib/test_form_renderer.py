"""The portal's select template writes the same markup as Django's own."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from gecolib.form_renderer import FormRenderer


class Fruit(forms.Select):
    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["data-season"] = "été"
        option["attrs"]["hidden"] = option["value"] == "x"
        return option


CHOICES = [
    ("", "— Choisir —"),
    ("a", "Abricot & « pêche »"),
    ("Agrumes", [("c", "Citron"), ("o", "Orange")]),
    ("x", "Caché"),
]


@pytest.mark.parametrize(
    "widget",
    [
        forms.Select(choices=CHOICES, attrs={"class": "form-select", "required": True}),
        forms.SelectMultiple(choices=CHOICES),
        Fruit(choices=CHOICES),
    ],
    ids=["select", "multiple", "option-attributes"],
)
@pytest.mark.parametrize("value", [None, "c", ["a", "o"]])
def test_same_markup_as_django(widget, value):
    ours = widget.render("fruit", value, attrs={"id": "id_fruit"}, renderer=FormRenderer())
    django = widget.render("fruit", value, attrs={"id": "id_fruit"}, renderer=DjangoTemplates())
    assert ours == django


def test_the_portal_uses_it(settings):
    assert settings.FORM_RENDERER == "gecolib.form_renderer.FormRenderer"
