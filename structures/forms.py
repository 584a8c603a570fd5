"""Forms of the structures pages. State changes go through model methods; the
forms only validate input (in French) before the view calls them."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import EPCI, Commune, Department
from gecolib.validators import validate_finess, validate_siret

from .enums import (
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    CarpecOutcome,
    CarpecReviewKind,
    StructureKind,
)
from .models import (
    CarpecReview,
    CarpecSession,
    CptsMission,
    Invitation,
    Membership,
    StageChange,
    Structure,
)
from .models.structure import finess_applies, siret_applies

BRITTANY_DEPARTMENTS = ["22", "29", "35", "56"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StructureForm(forms.ModelForm):
    """The structure's sheet. `kind` is chosen at creation only (the stages
    depend on it)."""

    class Meta:
        model = Structure
        fields = [
            "kind",
            "name",
            "legal_form",
            "siret",
            "finess",
            "address",
            "postal_code",
            "commune",
            "epcis",
            "communes_covered",
            "population_override",
            "aci_signed_on",
            "information_system",
            "information_system_name",
            "coordinator_name",
            "coordination_hours",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "aci_signed_on": DateInput(),
            "epcis": forms.SelectMultiple(attrs={"size": 8}),
            "communes_covered": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "siret": _("14 chiffres ; uniquement pour une structure dotée d'une forme juridique."),
            "finess": _("9 caractères ; uniquement pour une MSP ou un centre de santé."),
            "epcis": _("Maintenez Ctrl (Cmd sur Mac) enfoncée pour en choisir plusieurs."),
            "communes_covered": _(
                "Sert au calcul de la population couverte (à défaut : population des EPCI). "
                "Maintenez Ctrl (Cmd sur Mac) enfoncée pour en choisir plusieurs."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["kind"]
            # Fields that cannot apply to this kind are not offered at all.
            if not finess_applies(self.instance.kind) and not self.instance.finess:
                del self.fields["finess"]
            if (
                self.instance.kind != StructureKind.CPTS
                and self.instance.population_override is None
            ):
                del self.fields["population_override"]
        communes = Commune.objects.select_related("department").filter(
            department__code__in=BRITTANY_DEPARTMENTS
        )
        self.fields["commune"].queryset = communes
        self.fields["communes_covered"].queryset = communes
        self.fields["epcis"].queryset = EPCI.objects.all()
        self.fields["communes_covered"].required = False
        self.fields["epcis"].required = False
        # Numbers may be typed with spaces; they are stored without.
        for name, size in (("siret", 20), ("finess", 12)):
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.max_length = size
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ]
            field.widget.attrs["maxlength"] = size

    def _kind(self) -> str:
        if "kind" in self.fields:
            return self.cleaned_data.get("kind", "")
        return self.instance.kind

    def clean_siret(self) -> str:
        value = self.cleaned_data["siret"].replace(" ", "")
        if value:
            validate_siret(value)
            if not siret_applies(self.cleaned_data.get("legal_form", "")):
                raise forms.ValidationError(
                    _(
                        "Une structure sans forme juridique n'a pas de numéro SIRET : "
                        "choisissez d'abord sa forme juridique."
                    )
                )
        return value

    def clean_finess(self) -> str:
        value = self.cleaned_data["finess"].replace(" ", "").upper()
        if value:
            validate_finess(value)
            if not finess_applies(self._kind()):
                raise forms.ValidationError(
                    _("Un numéro FINESS ne concerne que les MSP et les centres de santé.")
                )
        return value

    def clean_population_override(self) -> int | None:
        value = self.cleaned_data["population_override"]
        if value is not None and self._kind() != StructureKind.CPTS:
            raise forms.ValidationError(
                _(
                    "Seule une CPTS peut saisir sa population couverte ; pour les autres "
                    "structures, elle est calculée à partir des communes."
                )
            )
        return value


class CptsMissionForm(forms.ModelForm):
    class Meta:
        model = CptsMission
        fields = ["status", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        help_texts = {
            "email": _(
                "La personne rejoint l'équipe dès qu'elle se connecte avec cette adresse vérifiée."
            )
        }

    def __init__(self, *args, structure: Structure, **kwargs):
        self.structure = structure
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.structure.memberships.current().filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Cette personne est déjà membre de la structure."))
        if self.structure.invitations.pending().filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Une invitation est déjà en attente pour cette adresse."))
        return email


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.Select(attrs={"class": "form-select form-select-sm"})}


class MembershipEndForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["end_date"]
        widgets = {"end_date": DateInput(attrs={"class": "form-control form-control-sm"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = False
        self.fields["end_date"].help_text = _("Laissez vide pour aujourd'hui.")

    def clean_end_date(self):
        value = self.cleaned_data["end_date"] or timezone.localdate()
        if value < self.instance.start_date:
            raise forms.ValidationError(
                _("La date de sortie ne peut pas précéder la date d'entrée.")
            )
        return value


class StageChangeForm(forms.ModelForm):
    class Meta:
        model = StageChange
        fields = ["stage", "date", "comment"]
        widgets = {"date": DateInput()}
        labels = {"stage": _("Nouvelle étape")}

    def __init__(self, *args, structure: Structure, user, **kwargs):
        self.structure = structure
        super().__init__(*args, **kwargs)
        stages = [s for s in STAGES_BY_KIND[structure.kind] if s != structure.stage]
        if not user.is_staff:
            stages = [s for s in stages if s not in RECOGNISED_STAGES]
        self.fields["stage"].choices = [(s.value, s.label) for s in stages]
        # Offer the next step first: going back is the exception.
        following = structure.stages[structure.stage_position :]
        upcoming = [s for s in following if s in stages]
        if upcoming and not self.is_bound:
            self.initial["stage"] = upcoming[0].value

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("La date d'un changement d'étape ne peut pas être future.")
            )
        return value


class CarpecSessionForm(forms.ModelForm):
    class Meta:
        model = CarpecSession
        fields = ["date", "submission_deadline", "notes"]
        widgets = {"date": DateInput(), "submission_deadline": DateInput()}
        error_messages = {
            "date": {"unique": _("Une séance de la CARPEC est déjà prévue à cette date.")}
        }

    def clean_submission_deadline(self):
        deadline = self.cleaned_data["submission_deadline"]
        date = self.cleaned_data.get("date")
        if deadline and date and deadline > date:
            raise forms.ValidationError(
                _("La date limite de dépôt doit précéder la date de la séance.")
            )
        return deadline


class CarpecScheduleForm(forms.ModelForm):
    class Meta:
        model = CarpecReview
        fields = ["session", "kind"]
        labels = {"session": _("Séance")}
        error_messages = {
            "session": {"required": _("Choisissez une séance à venir.")},
            "kind": {"required": _("Choisissez l'objet de l'examen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = CarpecSession.objects.upcoming()
        self.fields["session"].empty_label = None
        self.fields["kind"].choices = [("", _("Choisissez l'objet de l'examen"))] + list(
            CarpecReviewKind.choices
        )


class CarpecOutcomeForm(forms.ModelForm):
    class Meta:
        model = CarpecReview
        fields = ["outcome", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"outcome": {"required": _("Choisissez l'avis rendu par la CARPEC.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No opinion is preselected: a favourable one moves the structure on.
        self.fields["outcome"].choices = [("", _("Choisissez l'avis rendu"))] + [
            (value, label)
            for value, label in CarpecOutcome.choices
            if value != CarpecOutcome.PENDING
        ]
        if self.instance.outcome == CarpecOutcome.PENDING:
            self.initial["outcome"] = ""


# --- Directory filters -------------------------------------------------------

SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "kind": ("kind", "name"),
    "commune": ("commune__name", "name"),
    "stage": ("stage", "name"),
}


# Stage groups of the directory filter: several kinds share a label ("ACI signé",
# "Rédaction du projet de santé"), so each label is shown under its kind.
STAGE_GROUPS = [
    (_("ESP et ESP CLAP"), StructureKind.ESP),
    (_("MSP"), StructureKind.MSP),
    (_("CPTS"), StructureKind.CPTS),
    (_("Centres de santé"), StructureKind.HEALTH_CENTRE),
]


def stage_choices(only: list[str] | None = None) -> list[tuple]:
    """Stages grouped by kind (ESP CLAP stages are a subset of the ESP ones)."""
    groups = []
    for label, kind in STAGE_GROUPS:
        stages = [s for s in STAGES_BY_KIND[kind] if only is None or s in only]
        if stages:
            groups.append((label, [(s.value, s.label) for s in stages]))
    return groups


class StructureFilter(django_filters.FilterSet):
    """Filters of the directory. Staged choices shown to visitors are the
    recognised ones only (they see nothing else)."""

    q = django_filters.CharFilter(label=_("Recherche"), method="filter_text")
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=StructureKind.choices, empty_label=_("Tous les types")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Département"),
        empty_label=_("Tous les départements"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        to_field_name="code",
        method="filter_department",
    )
    epci = django_filters.ModelChoiceFilter(
        label=_("EPCI"),
        empty_label=_("Tous les EPCI"),
        queryset=EPCI.objects.filter(department__code__in=BRITTANY_DEPARTMENTS),
        field_name="epcis",
    )
    stage = django_filters.ChoiceFilter(
        label=_("Étape"), choices=stage_choices(), empty_label=_("Toutes les étapes")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=[
            ("name", _("Nom (A → Z)")),
            ("-name", _("Nom (Z → A)")),
            ("kind", _("Type")),
            ("commune", _("Commune")),
            ("stage", _("Étape")),
        ],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Structure
        fields: list[str] = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is None or not user.is_authenticated:
            self.filters["stage"].extra["choices"] = stage_choices(RECOGNISED_STAGES)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(commune__name__icontains=value))

    def filter_department(self, queryset, name, value):
        return queryset.in_department(value.code) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
