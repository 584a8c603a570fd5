"""Forms of the national cooperation protocols: the catalogue (staff), a
structure's declaration, its team, its status and its monthly counts."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.choices import empty_choice
from gecolib.forms import FilterForm
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import Profession
from gecolib.team_data import (
    ConfirmNamesFormMixin,
    identity_error,
    validate_date_in_range,
)
from gecolib.widgets import DateInput

from ..models import (
    CooperationDeclaration,
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


class CheckedCommentMixin:
    """A form whose `comment` is stored (in a version, in the history): the
    identity check of the team's texts, a possible name confirmed with the
    box of ConfirmNamesFormMixin."""

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"]
        if error := identity_error(comment, names_confirmed=self.names_confirmed):
            raise error
        return comment


class NationalProtocolForm(ConfirmNamesFormMixin, CheckedCommentMixin, forms.ModelForm):
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


class DeclarationForm(ConfirmNamesFormMixin, OneTimeTokenMixin, forms.ModelForm):
    """Start a declaration: which protocol, and (once sent to the ARS) when
    and under which démarches-simplifiées file number."""

    class Meta:
        model = CooperationDeclaration
        fields = ["protocol", "declared_on", "ds_number"]
        widgets = {"declared_on": DateInput}
        help_texts = {
            "declared_on": _(
                "Laissez vide tant que la déclaration n'est pas envoyée à l'ARS. Avec la date "
                "et le numéro de dossier, le protocole est marqué « déclaré »."
            ),
            "ds_number": _("Le numéro du dossier sur démarches-simplifiées.fr (chiffres)."),
        }

    def __init__(self, *args, structure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        if self.instance.pk:
            del self.fields["protocol"]
        else:
            self.fields["protocol"].queryset = NationalProtocol.objects.in_force()
            empty_choice(self.fields["protocol"], _("— Choisir le protocole national —"))
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
        validators=[validate_date_in_range],
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


class StatusForm(ConfirmNamesFormMixin, CheckedCommentMixin, FilterForm):
    """Laid out by hand in the page, field by field: Bootstrap's classes come
    from the renderer (`FilterForm`). A refused change comes back on a page of
    its own (the confirmation page's shape), where a possible name in the
    comment is confirmed. Its own prefix: the declaration's page also holds
    the new declaration's form, and both have a date."""

    prefix = "status"
    status = forms.ChoiceField(label=_("Nouveau statut"), choices=())
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        initial=timezone.localdate,
        validators=[validate_date_in_range],
    )
    comment = forms.CharField(label=_("Commentaire"), max_length=255, required=False)

    def __init__(self, *args, declaration: CooperationDeclaration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in declaration.allowed_transitions()
        ]


class RedeclarationForm(FilterForm):
    """Laid out by hand in the page, like `StatusForm`, with its own prefix."""

    prefix = "redeclaration"
    date = forms.DateField(
        label=_("Date de la nouvelle déclaration"),
        widget=DateInput,
        initial=timezone.localdate,
        validators=[validate_date_in_range],
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
