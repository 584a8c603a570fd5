"""Forms of the national cooperation protocols: the catalogue (staff), a
structure's declaration, its team, its status and its monthly counts."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.forms import FilterForm
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import Profession
from gecolib.validators import validate_no_patient_identifier
from gecolib.widgets import DateInput

from ..models import (
    CooperationDeclaration,
    MonthlyActivity,
    NationalProtocol,
)
from ..models.declarations import (
    ParticipantRole,
    validate_ds_number,
)

YEARS, MONTHS = "ans", "mois"
AGE_UNITS = [(YEARS, _("ans")), (MONTHS, _("mois"))]


def split_age(months: int | None) -> tuple[int | None, str]:
    if months is None:
        return None, YEARS
    if months % 12 == 0 and months >= 24:
        return months // 12, YEARS
    return months, MONTHS


class NationalProtocolForm(forms.ModelForm):
    """A catalogue entry, ages given as a number and a unit (varicelle: 12 mois)."""

    min_age = forms.IntegerField(label=_("Âge minimal"), min_value=0, max_value=1200)
    min_age_unit = forms.ChoiceField(label=_("Unité de l'âge minimal"), choices=AGE_UNITS)
    max_age = forms.IntegerField(label=_("Âge maximal"), min_value=0, max_value=1200)
    max_age_unit = forms.ChoiceField(label=_("Unité de l'âge maximal"), choices=AGE_UNITS)
    comment = forms.CharField(
        label=_("Motif de la modification"),
        max_length=255,
        required=False,
        help_text=_("Par exemple : « Arrêté du 17 août 2023 : âge maximal porté à 50 ans »."),
        validators=[validate_no_patient_identifier],
    )

    class Meta:
        model = NationalProtocol
        fields = [
            "code",
            "short_name",
            "name",
            "delegant_profession",
            "delegant_specialty",
            "delegate_professions",
            "sex",
            "training_hours",
            "inclusion_amount",
            "inclusion_includes_revoyure",
            "reevaluation_amount",
            "reevaluation_includes_revoyure",
            "reevaluation_timing",
            "msp_since",
            "health_centre_since",
            "cpts_since",
            "reference_text",
            "reference_date",
            "withdrawn_on",
        ]
        widgets = {
            "delegate_professions": forms.CheckboxSelectMultiple,
            "msp_since": DateInput,
            "health_centre_since": DateInput,
            "cpts_since": DateInput,
            "reference_date": DateInput,
            "withdrawn_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegant_profession"].queryset = Profession.objects.order_by("name")
        self.fields["delegate_professions"].queryset = Profession.objects.order_by("name")
        if self.instance.pk:
            self.initial["min_age"], self.initial["min_age_unit"] = split_age(
                self.instance.min_age_months
            )
            self.initial["max_age"], self.initial["max_age_unit"] = split_age(
                self.instance.max_age_months
            )
            # The code names the protocol in URLs of other tools: it stays.
            self.fields["code"].disabled = True
        order = ["code", "short_name", "name", "delegant_profession", "delegant_specialty"]
        order += ["delegate_professions", "min_age", "min_age_unit", "max_age", "max_age_unit"]
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        months = {}
        for bound in ("min", "max"):
            value, unit = data.get(f"{bound}_age"), data.get(f"{bound}_age_unit")
            if value is not None and unit:
                months[bound] = value * 12 if unit == YEARS else value
        if len(months) == 2:
            if months["max"] < months["min"]:
                self.add_error(
                    "max_age", _("L'âge maximal ne peut pas être inférieur à l'âge minimal.")
                )
            self.instance.min_age_months = months["min"]
            self.instance.max_age_months = months["max"]
        if data.get("reevaluation_includes_revoyure") and data.get("reevaluation_amount") is None:
            self.add_error(
                "reevaluation_includes_revoyure",
                _("Sans forfait de réévaluation, il n'y a pas de revoyure à y comprendre."),
            )
        return data


class NationalProtocolCreationForm(OneTimeTokenMixin, NationalProtocolForm):
    """A new protocol in the catalogue (a new decree)."""


class DeclarationForm(OneTimeTokenMixin, forms.ModelForm):
    """Start a declaration: which protocol, and (once sent to the ARS) when
    and under which démarches-simplifiées file number."""

    class Meta:
        model = CooperationDeclaration
        fields = ["protocol", "declared_on", "ds_number"]
        widgets = {"declared_on": DateInput}
        help_texts = {
            "declared_on": _("Laissez vide tant que la déclaration n'est pas envoyée à l'ARS."),
            "ds_number": _("Le numéro du dossier sur démarches-simplifiées.fr (chiffres)."),
        }

    def __init__(self, *args, structure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        if self.instance.pk:
            del self.fields["protocol"]
        else:
            self.fields["protocol"].queryset = NationalProtocol.objects.in_force()
            self.instance.structure = structure

    def clean_ds_number(self) -> str:
        number = self.cleaned_data["ds_number"].replace(" ", "")
        if number:
            validate_ds_number(number)
        return number

    def clean_declared_on(self):
        date = self.cleaned_data["declared_on"]
        if date and date > timezone.localdate():
            raise ValidationError(_("La date de déclaration ne peut pas être dans le futur."))
        if date is None and self.instance.pk and self.instance.is_declared:
            raise ValidationError(_("Un protocole déclaré garde sa date de déclaration."))
        return date

    def clean(self):
        data = super().clean()
        if (
            self.instance.pk
            and self.instance.is_declared
            and "ds_number" in data
            and not data["ds_number"]
        ):
            self.add_error("ds_number", _("Un protocole déclaré garde son numéro de dossier."))
        protocol = data.get("protocol")
        if (
            protocol is not None
            and self.structure.cooperation_declarations.open().filter(protocol=protocol).exists()
        ):
            self.add_error(
                "protocol",
                _("La structure a déjà une déclaration en cours pour ce protocole."),
            )
        return data


class ParticipantForm(OneTimeTokenMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Membre"), queryset=None)
    role = forms.ChoiceField(label=_("Rôle"), choices=ParticipantRole.choices)
    training_date = forms.DateField(
        label=_("Date de la formation"),
        required=False,
        widget=DateInput,
        help_text=_("Pour un délégué."),
    )
    training_hours = forms.IntegerField(
        label=_("Durée de la formation (heures)"),
        required=False,
        min_value=0,
        max_value=999,
        help_text=_("Pour un délégué."),
    )

    def __init__(self, *args, declaration: CooperationDeclaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.declaration = declaration
        protocol = declaration.protocol
        delegate_ids = {p.pk for p in protocol.delegate_professions.all()}
        in_team = declaration.participants.filter(removed_on__isnull=True).values("user_id")
        candidates = [
            m.user
            for m in declaration.structure.current_memberships().exclude(user_id__in=in_team)
            if protocol.accepts_delegant(m.user) or protocol.accepts_delegate(m.user, delegate_ids)
        ]
        field = self.fields["user"]
        field.queryset = (
            get_user_model()
            .objects.filter(pk__in=[u.pk for u in candidates])
            .select_related("profession")
        )
        field.label_from_instance = lambda user: (
            f"{user.display_name} – {user.profession.name if user.profession_id else ''}"
        )
        field.help_text = _(
            "Les membres actuels de la structure dont la profession correspond au protocole : "
            "%(delegant)s pour les délégants, %(delegates)s pour les délégués."
        ) % {
            "delegant": protocol.delegant_label.lower(),
            "delegates": protocol.delegates_label().lower(),
        }


class StatusForm(FilterForm):
    """Laid out by hand in the page, field by field: Bootstrap's classes come
    from the renderer (`FilterForm`)."""

    status = forms.ChoiceField(label=_("Nouveau statut"), choices=())
    date = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    comment = forms.CharField(
        label=_("Commentaire"),
        max_length=255,
        required=False,
        validators=[validate_no_patient_identifier],
    )

    def __init__(self, *args, declaration: CooperationDeclaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in declaration.allowed_transitions()
        ]


class RedeclarationForm(FilterForm):
    """Laid out by hand in the page, like `StatusForm`."""

    date = forms.DateField(
        label=_("Date de la nouvelle déclaration"), widget=DateInput, initial=timezone.localdate
    )
    ds_number = forms.CharField(
        label=_("Numéro de dossier démarches-simplifiées"),
        max_length=20,
        required=False,
        help_text=_("Laissez vide si le numéro ne change pas."),
    )

    def clean_ds_number(self) -> str:
        number = self.cleaned_data["ds_number"].replace(" ", "")
        if number:
            validate_ds_number(number)
        return number


class MonthField(forms.DateField):
    """A month typed as AAAA-MM (the browser's month picker) or MM/AAAA."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Indiquez un mois sous la forme AAAA-MM (par exemple 2026-03).")
    }

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


COUNT_ERRORS = {
    "min_value": _("Un nombre de patients ne peut pas être négatif."),
    "invalid": _("Saisissez un nombre entier."),
    "required": _("Indiquez un nombre (0 s'il n'y en a pas)."),
}


class ActivityForm(forms.ModelForm):
    """A month's counts, never a patient."""

    month = MonthField(label=_("Mois"))

    class Meta:
        model = MonthlyActivity
        fields = ["month", "inclusions", "reevaluations", "revoyures", "exclusions"]
        help_texts = {
            "inclusions": _("Patients pris en charge par un délégué dans le cadre du protocole."),
            "reevaluations": _("Réévaluations faites par le délégué (kinésithérapeutes)."),
            "revoyures": _("Patients revus par le délégant le jour même ou le lendemain."),
            "exclusions": _(
                "Patients orientés vers le médecin car ils relevaient d'un critère d'exclusion."
            ),
        }

    def __init__(self, *args, declaration: CooperationDeclaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.declaration = declaration
        for name in ("inclusions", "reevaluations", "revoyures", "exclusions"):
            field = self.fields[name]
            field.widget.attrs["min"] = 0
            field.error_messages.update(COUNT_ERRORS)
        if not declaration.protocol.has_reevaluation:
            self.fields["reevaluations"].help_text = _(
                "Ce protocole ne prévoit pas de réévaluation : laissez 0."
            )

    def validate_unique(self):
        # One row per month: the view updates the existing month instead.
        pass


def parse_year(value, default: int | None = None) -> int:
    """A year from a query string (the current one when missing or absurd)."""
    default = default or timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2020 <= year <= default + 1 else default


def parse_month(value) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None
