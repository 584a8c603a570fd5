"""The structure's sheet and its CPTS missions."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from gecolib.choices import empty_choice, french_order
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import EPCI, Commune
from gecolib.territories import BRITTANY_DEPARTMENTS
from gecolib.validators import validate_finess, validate_siret
from gecolib.widgets import DateInput

from ..enums import (
    StructureKind,
)
from ..models import (
    CptsMission,
    Structure,
)
from ..models.structure import finess_applies, siret_applies


class StructureForm(OneTimeTokenMixin, forms.ModelForm):
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
        empty_choice(self.fields["commune"], _("— Choisir la commune —"))
        if "kind" in self.fields:
            empty_choice(self.fields["kind"], _("— Choisir le type —"))
        self.fields["communes_covered"].queryset = communes
        self.fields["epcis"].queryset = EPCI.objects.all()
        # Communes and EPCI in French order: « Érquy », « Étables » among the E.
        for name in ("commune", "communes_covered", "epcis"):
            french_order(self.fields[name])
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
