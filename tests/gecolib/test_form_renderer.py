"""The portal's select template writes the same markup as Django's own."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from gecolib.form_renderer import FormRenderer
from gecolib.forms import FilterForm


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


class Filters(FilterForm):
    q = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    year = forms.ChoiceField(required=False, choices=CHOICES)
    kind = forms.ChoiceField(
        required=False, choices=CHOICES, widget=forms.Select(attrs={"class": "form-select-sm"})
    )
    done = forms.BooleanField(required=False)


def test_filter_forms_get_bootstraps_classes_from_the_renderer():
    form = Filters()
    assert 'class="form-control"' in str(form["q"])
    assert 'class="form-select"' in str(form["year"])
    # A widget's own class is kept; a checkbox is left as it is.
    assert 'class="form-select-sm"' in str(form["kind"])
    assert "class=" not in str(form["done"])
    # The widgets themselves are not changed: the next rendering starts afresh.
    assert "class" not in form.fields["year"].widget.attrs
