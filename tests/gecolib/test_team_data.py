"""The team-data checks (issue 19, principles 3 and 5): one identity check
for every free-text field — a NIR, a date of birth, a phone, an e-mail or a
patient number is refused; a possible name asks the author to confirm it is
not a patient's — and one date range, 2000–2100, stated in the error."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from gecolib.team_data import (
    CONFIRM_NAMES_FIELD,
    FIRST_YEAR,
    LAST_YEAR,
    ConfirmNamesFormMixin,
    TeamDataChecks,
    date_in_range,
    identity_error,
    validate_date_in_range,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC
NIR = "1 85 05 78 006 084 91"
RANGE_MESSAGE = "Indiquez une date entre le 1er janvier 2000 et le 31 décembre 2100."

# ------------------------------------------------------------ identity_error


def test_harmless_text_has_no_error():
    assert identity_error("CAS-2026-014 : patiente de 80 ans, RCP du 12/03/2026.") is None
    assert identity_error("Dr Le Gall présente le cas.") is None
    assert identity_error(None) is None


def test_hard_markers_are_refused_and_named():
    error = identity_error(f"NIR {NIR}, née le 12/03/1948, IPP 12345678, tél. 06 12 34 56 78")
    assert error.code == "identity_marker"
    assert error.messages == [
        "Ce texte semble contenir un numéro de sécurité sociale (NIR), une date de naissance, "
        "un numéro de téléphone, un numéro de patient (IPP) : aucune donnée permettant "
        "d'identifier un patient ne doit être enregistrée sur le portail."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NIR 1850578006084",  # without its key
        "née le 12/03/1948",
        "+33 (0)6 12 34 56 78",
        "jean.dupont (at) exemple (dot) fr",
        "IPP 12345678",
    ],
)
def test_a_confirmation_never_lifts_a_hard_marker(text):
    error = identity_error(text, names_confirmed=True)
    assert error is not None
    assert error.code == "identity_marker"


def test_a_name_asks_for_a_confirmation():
    error = identity_error("Mme Le Goff et Mme Le Goff, puis M. Kerjean.")
    assert error.code == "possible_name"
    assert error.messages == [
        "Ce texte semble citer une personne par son nom (Mme Le Goff, M. Kerjean). S'il "
        "s'agit d'un patient, retirez son nom ; s'il s'agit d'un professionnel, cochez "
        "« Je confirme qu'aucun patient n'est nommé » et enregistrez à nouveau."
    ]
    assert identity_error("Mme Le Goff, IDE, présente le cas.", names_confirmed=True) is None


def test_a_name_with_a_hard_marker_is_refused_outright():
    error = identity_error("Mme Le Goff, 06 12 34 56 78", names_confirmed=True)
    assert error.code == "identity_marker"
    assert "un numéro de téléphone" in error.messages[0]


# --------------------------------------------------------------- date range


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2000, 1, 1),
        datetime.date(2100, 12, 31),
        datetime.datetime(2100, 12, 31, 23, 30, tzinfo=PARIS),
        datetime.datetime(1999, 12, 31, 23, 30, tzinfo=UTC),  # 1 January 2000 in Paris
        datetime.datetime(2026, 3, 12, 12, 30),  # naive
        None,
        "",
    ],
)
def test_dates_in_range_are_accepted(value):
    assert date_in_range(value)
    validate_date_in_range(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1999, 12, 31),
        datetime.date(2101, 1, 1),
        datetime.date.min,
        datetime.date.max,
        datetime.datetime(9999, 12, 31, 23, 30, tzinfo=UTC),  # no overflow in Paris time
        datetime.datetime(1, 1, 1, tzinfo=UTC),
        datetime.datetime(2100, 12, 31, 23, 30, tzinfo=UTC),  # 1 January 2101 in Paris
        datetime.datetime(1999, 12, 31, 23, 30, tzinfo=PARIS),
    ],
)
def test_dates_out_of_range_are_refused_with_the_rule(value):
    assert not date_in_range(value)
    with pytest.raises(ValidationError) as error:
        validate_date_in_range(value)
    assert error.value.code == "date_out_of_range"
    assert error.value.messages == [RANGE_MESSAGE]
    assert (FIRST_YEAR, LAST_YEAR) == (2000, 2100)


# ----------------------------------------------------------- TeamDataChecks
#
# Checked on a stand-in with real Django fields (no model to register): what
# the mixin reads is `_meta.concrete_fields` and the values.


def _field(field: models.Field, name: str) -> models.Field:
    field.set_attributes_from_name(name)
    return field


class _Base:
    def clean_fields(self, exclude=None):
        if self.title == "":
            raise ValidationError({"title": ["Ce champ est obligatoire."]})


class _Record(TeamDataChecks, _Base):
    _meta = SimpleNamespace(
        concrete_fields=[
            _field(models.CharField(max_length=200), "title"),
            _field(models.TextField(blank=True), "notes"),
            _field(models.TextField(blank=True), "generated"),
            _field(models.EmailField(blank=True), "contact"),
            _field(models.URLField(blank=True), "link"),
            _field(models.CharField(max_length=10, choices=[("a", "A")]), "kind"),
            _field(models.DateField(null=True), "day"),
            _field(models.DateTimeField(null=True), "starts_at"),
            _field(models.IntegerField(default=0), "count"),
        ]
    )
    team_data_exempt = ("generated",)

    def __init__(self, **values):
        defaults = {
            "title": "RCP de mars",
            "notes": "",
            "generated": "",
            "contact": "",
            "link": "",
            "kind": "a",
            "day": None,
            "starts_at": None,
            "count": 0,
        }
        for name, value in {**defaults, **values}.items():
            setattr(self, name, value)


def _errors(record: _Record) -> dict[str, list[str]]:
    try:
        record.clean_fields()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_clean_record_passes():
    record = _Record(
        notes="CAS-2026-014, 80 ans. Dr Le Gall.",
        contact="secretariat@exemple.fr",
        link="https://exemple.fr/06-12-34-56-78",
        day=datetime.date(2026, 3, 12),
        starts_at=datetime.datetime(2026, 3, 12, 12, 30, tzinfo=PARIS),
    )
    assert _errors(record) == {}


def test_every_free_text_field_is_checked_and_dates_are_in_range():
    record = _Record(
        title=f"RCP {NIR}",
        notes="Rappeler le 06 12 34 56 78",
        generated="née le 12/03/1948",  # exempt: generated text
        contact="jean.dupont@exemple.fr",  # an EmailField is not free text
        day=datetime.date(9999, 12, 31),
        starts_at=datetime.datetime(1, 1, 1, tzinfo=UTC),
    )
    errors = _errors(record)
    assert set(errors) == {"title", "notes", "day", "starts_at"}
    assert "un numéro de sécurité sociale (NIR)" in errors["title"][0]
    assert "un numéro de téléphone" in errors["notes"][0]
    assert errors["day"] == [RANGE_MESSAGE]
    assert errors["starts_at"] == [RANGE_MESSAGE]


def test_field_errors_of_the_model_come_first_and_exclude_is_respected():
    record = _Record(title="", notes="IPP 12345678", day=datetime.date(1900, 1, 1))
    errors = _errors(record)
    assert errors["title"] == ["Ce champ est obligatoire."]
    assert set(errors) == {"title", "notes", "day"}
    record = _Record(notes="IPP 12345678", day=datetime.date(1900, 1, 1))
    record.clean_fields(exclude=["notes", "day"])


def test_a_name_is_accepted_once_confirmed():
    record = _Record(notes="Mme Le Goff présente le cas.")
    assert list(_errors(record)) == ["notes"]
    record.names_confirmed = True
    assert _errors(record) == {}


# -------------------------------------------------- ConfirmNamesFormMixin


class NoteForm(ConfirmNamesFormMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if error := identity_error(text, names_confirmed=self.names_confirmed):
            raise error
        return text


def test_the_confirmation_is_hidden_until_a_name_is_found():
    form = NoteForm()
    assert isinstance(form.fields[CONFIRM_NAMES_FIELD].widget, forms.HiddenInput)
    assert not form.names_confirmed
    form = NoteForm({"text": "CAS-2026-014, 80 ans."})
    assert form.is_valid()
    assert isinstance(form.fields[CONFIRM_NAMES_FIELD].widget, forms.HiddenInput)


def test_a_name_shows_the_box_and_the_ticked_box_lets_it_through():
    form = NoteForm({"text": "Mme Le Goff présente le cas."})
    assert not form.is_valid()
    assert form.errors.as_data()["text"][0].code == "possible_name"
    assert isinstance(form.fields[CONFIRM_NAMES_FIELD].widget, forms.CheckboxInput)
    html = str(form)
    assert 'type="checkbox"' in html
    assert "Je confirme qu&#x27;aucun patient n&#x27;est nommé dans ce texte" in html

    form = NoteForm({"text": "Mme Le Goff présente le cas.", CONFIRM_NAMES_FIELD: "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "Mme Le Goff présente le cas."


def test_the_box_never_lets_a_hard_marker_through():
    form = NoteForm({"text": "Mme Le Goff, née le 12/03/1948", CONFIRM_NAMES_FIELD: "on"})
    assert not form.is_valid()
    assert form.errors.as_data()["text"][0].code == "identity_marker"
    assert isinstance(form.fields[CONFIRM_NAMES_FIELD].widget, forms.HiddenInput)


@pytest.mark.parametrize(("value", "confirmed"), [("on", True), ("False", False), ("", False)])
def test_the_confirmation_is_read_with_the_form_prefix(value, confirmed):
    form = NoteForm(
        {"item-text": "M. Kerjean", f"item-{CONFIRM_NAMES_FIELD}": value}, prefix="item"
    )
    assert form.names_confirmed is confirmed
    assert form.is_valid() is confirmed
