"""The shared error summary: every error listed as a link to its field,
fields marked invalid and described by their message, required marks only on
what a submit requires."""

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Nom")
    kinds = forms.MultipleChoiceField(
        label="Types", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Note", required=False)

    def clean(self):
        raise forms.ValidationError("Tout le formulaire est refusé.")


class _Row(forms.Form):
    title = forms.CharField(label="Action")


RowFormSet = forms.formset_factory(_Row, extra=1)


def test_summary_lists_each_error_as_a_link_to_its_field():
    form = _Form(data={"note": "gardée"})
    html = render_to_string("forms/_form.html", {"form": form})
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert '<a href="#id_name">Nom : Ce champ est obligatoire.</a>' in html
    # a group of checkboxes: the link leads to the first one
    assert '<a href="#id_kinds_0">Types : Ce champ est obligatoire.</a>' in html
    assert html.count("Tout le formulaire est refusé.") == 1  # in the summary only
    assert "3 erreurs empêchent l'envoi du formulaire" in html
    # the field is marked invalid and described by its message
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'id="id_name_error"' in html
    # the user's input is kept
    assert 'value="gardée"' in html


def test_no_summary_on_a_fresh_form_and_required_marks_only_on_required_fields():
    html = render_to_string("forms/_form.html", {"form": _Form()})
    assert "data-error-summary" not in html
    assert "astérisque" in html
    assert html.count('class="asteriskField"') == 2  # name and kinds, not note


def test_formset_rows_are_listed_with_their_row_and_optional_rows_carry_no_mark():
    formset = RowFormSet(
        data={"r-TOTAL_FORMS": "2", "r-INITIAL_FORMS": "0", "r-0-title": "", "r-1-title": "x"},
        prefix="r",
    )
    formset.forms[0].empty_permitted = False  # a row that must be filled
    assert not formset.is_valid()
    html = render_to_string("forms/_error_summary.html", {"form": None, "formset": formset})
    assert '<a href="#id_r-0-title">Action (ligne 1) : Ce champ est obligatoire.</a>' in html
    blank = RowFormSet(prefix="r")
    row = render_to_string("forms/_form.html", {"form": blank.forms[0]})
    assert "asteriskField" not in row and "astérisque" not in row
