"""The checks every model of the team tools and the guide runs on what it
stores, once, at the model level (`Model.clean_fields`, which ModelForms and
the services call through `full_clean`):

- **no patient identity** in any free-text field (titles, comments, places,
  catalogue fields included): `find_identity_markers` of
  `gecolib.validators` after normalisation. A possible name (a civil title
  followed by a capitalised name, « Mme Le Goff ») is not refused outright:
  the form asks the author to confirm it is not a patient
  (`ConfirmNamesFormMixin`);
- **every date in range**: dates and datetimes between 1 January
  `FIRST_YEAR` and 31 December `LAST_YEAR`, the rule stated in the error —
  a meeting on 9999-12-31 or 0001-01-01 broke pages, .ics files and
  calendar feeds.

A model opts in with `class Meeting(TeamDataChecks, models.Model)`; fields
that are not free text written by people (choices, slugs, e-mail addresses,
URLs, file names, tokens, generated text) are skipped by type, and a model
names any other one in `team_data_exempt`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .patient_identity import HARD_KINDS, NAME_MARKER, find_identity_markers, identity_labels

FIRST_YEAR = 2000
LAST_YEAR = 2100

DATE_RANGE_MESSAGE = _(
    "Indiquez une date entre le 1er janvier %(first)s et le 31 décembre %(last)s."
)

# Field types that never hold free text typed by a person.
_NOT_FREE_TEXT = (
    models.EmailField,
    models.URLField,
    models.SlugField,
    models.FilePathField,
    models.UUIDField,
    models.GenericIPAddressField,
)

# NAME_MARKER (from gecolib.validators): the marker kind that asks for a
# confirmation instead of a refusal.
CONFIRM_NAMES_FIELD = "confirm_names"


def date_in_range(value) -> bool:
    """Whether a date or datetime is within the range (a datetime as read in
    Paris: 31/12/2100 23:30 is in, 31/12/1999 23:30 is out)."""
    if not isinstance(value, datetime.datetime | datetime.date):
        return True
    if not FIRST_YEAR - 1 <= value.year <= LAST_YEAR + 1:
        return False  # also keeps timezone.localtime() away from year 1 and 9999
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_date_in_range(value) -> None:
    """The one date-range rule, for forms that are not bound to a model."""
    if not date_in_range(value):
        raise ValidationError(
            DATE_RANGE_MESSAGE,
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def identity_error(value: str, *, names_confirmed: bool = False) -> ValidationError | None:
    """The French error for `value` if it could identify a patient, else None.
    A possible name alone gives an error of code "possible_name", which a
    confirmation lifts; the other markers (NIR, date of birth, phone, e-mail,
    patient number) never are."""
    markers = find_identity_markers(value) if isinstance(value, str) else []
    hard: list[str] = []
    for marker in markers:
        if marker.kind in HARD_KINDS and marker.kind not in hard:
            hard.append(marker.kind)
    if hard:
        return ValidationError(
            _(
                "Ce texte semble contenir %(what)s : aucune donnée permettant "
                "d'identifier un patient ne doit être enregistrée sur le portail."
            ),
            code="identity_marker",
            params={"what": identity_labels(hard)},
        )
    names = list(dict.fromkeys(m.text for m in markers if m.kind == NAME_MARKER))
    if names and not names_confirmed:
        return ValidationError(
            _(
                "Ce texte semble citer une personne par son nom (%(names)s). S'il s'agit "
                "d'un patient, retirez son nom ; s'il s'agit d'un professionnel, cochez "
                "« Je confirme qu'aucun patient n'est nommé » et enregistrez à nouveau."
            ),
            code="possible_name",
            params={"names": ", ".join(names)},
        )
    return None


def is_free_text(field: models.Field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, _NOT_FREE_TEXT)
        and not field.choices
    )


class TeamDataChecks:
    """Model mixin: refuses patient identity in free text and dates out of
    range, field by field, with French messages."""

    team_data_exempt: tuple[str, ...] = ()
    """Free-text fields that are not typed by people (generated, imported)."""

    names_confirmed: bool = False
    """Set by ConfirmNamesFormMixin when the author confirmed that the names
    cited are not patients'."""

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self.team_data_errors(exclude=exclude, skip=errors))
        if errors:
            raise ValidationError(errors)

    def team_data_errors(self, exclude=None, skip=()) -> dict[str, list[ValidationError]]:
        errors = {}
        exclude = set(exclude or ())
        for field in self._meta.concrete_fields:
            if field.name in exclude or field.name in skip:
                continue
            value = getattr(self, field.attname)
            if value in (None, ""):
                continue
            if isinstance(field, models.DateField) and not date_in_range(value):
                errors[field.name] = [
                    ValidationError(
                        DATE_RANGE_MESSAGE,
                        code="date_out_of_range",
                        params={"first": FIRST_YEAR, "last": LAST_YEAR},
                    )
                ]
            elif (
                is_free_text(field)
                and field.name not in self.team_data_exempt
                and (error := identity_error(value, names_confirmed=self.names_confirmed))
            ):
                errors[field.name] = [error]
        return errors


def has_possible_name_error(form: forms.BaseForm) -> bool:
    return any(
        error.code == "possible_name"
        for field_errors in form.errors.as_data().values()
        for error in field_errors
    )


class ConfirmNamesFormMixin:
    """For the forms of a TeamDataChecks model (or any form that checks free
    text with `identity_error`): when a possible name is found, the form shows
    a « Je confirme qu'aucun patient n'est nommé » box; ticked, the names are
    accepted (the hard markers — NIR, birth date, phone, e-mail, IPP — never
    are)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden until a possible name is found; then a check box.
        self.fields[CONFIRM_NAMES_FIELD] = forms.BooleanField(
            label=_("Je confirme qu'aucun patient n'est nommé dans ce texte"),
            required=False,
            widget=forms.HiddenInput,
        )

    @property
    def names_confirmed(self) -> bool:
        if not self.is_bound:
            return False
        value = self.data.get(self.add_prefix(CONFIRM_NAMES_FIELD))
        return forms.BooleanField().to_python(value)

    def full_clean(self):
        super().full_clean()
        if has_possible_name_error(self):
            self.fields[CONFIRM_NAMES_FIELD].widget = forms.CheckboxInput()

    def _post_clean(self):
        instance = getattr(self, "instance", None)
        if instance is not None:
            instance.names_confirmed = bool(self.names_confirmed)
        super()._post_clean()
