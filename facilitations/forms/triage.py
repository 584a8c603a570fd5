"""Staff decisions on a request: redirect, decline, or accept with a binôme."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind
from gecolib.models import Charter, CharterAcceptance, User
from gecolib.validators import validate_no_patient_identifier
from structures.enums import StructureKind
from structures.models import Structure

from ..models import (
    Facilitation,
    FacilitationRequest,
)


class RedirectForm(forms.Form):
    to = forms.CharField(
        label=_("Orientée vers"),
        max_length=255,
        help_text=_("Par exemple : le référent ARS du département, une CPTS voisine…"),
        validators=[validate_no_patient_identifier],
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le demandeur le lira : restez factuel et bienveillant."),
        validators=[validate_no_patient_identifier],
    )


class FacilitatorChoiceField(forms.ModelChoiceField):
    """Facilitators of one kind; those who have not accepted the current
    charter are listed (so staff see them) but refused on validation."""

    def __init__(self, kind: str, **kwargs):
        charter = Charter.current()
        queryset = User.objects.facilitators().filter(facilitator_kind=kind)
        if charter is not None:
            queryset = queryset.annotate(
                charter_ok=Exists(
                    CharterAcceptance.objects.filter(user=OuterRef("pk"), charter=charter)
                )
            )
        self.kind = kind
        self.charter_checked = charter is not None
        kwargs.setdefault("empty_label", _("— Choisir —"))
        super().__init__(
            queryset=queryset.order_by("last_name", "first_name"),
            label=FacilitatorKind(kind).label,
            error_messages={
                "invalid_choice": _("Choisissez un %(kind)s dans la liste.")
                % {"kind": FacilitatorKind(kind).label.lower()}
            },
            **kwargs,
        )

    def label_from_instance(self, obj: User) -> str:
        if self.charter_checked and not obj.charter_ok:
            return str(_("%(name)s (charte non acceptée)") % {"name": obj.display_name})
        return obj.display_name

    def clean(self, value):
        user = super().clean(value)
        if user is not None:
            Facilitation.check_can_be_assigned(user, self.kind)
        return user


class BinomeForm(forms.Form):
    """The two members of a binôme. Fields are built per form (the current
    charter is read then, never at import time)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = FacilitatorChoiceField(FacilitatorKind.HEALTH_PROFESSIONAL)
        self.fields["project_officer"] = FacilitatorChoiceField(FacilitatorKind.PROJECT_OFFICER)


class AcceptForm(BinomeForm):
    structure = forms.ModelChoiceField(
        label=_("Structure existante"),
        queryset=Structure.objects.all(),
        required=False,
        empty_label=_("— Créer la structure à partir de la demande —"),
    )
    new_structure_kind = forms.ChoiceField(
        label=_("Type de la structure à créer"),
        choices=[("", _("— Choisir le type —")), *StructureKind.choices],
        required=False,
    )
    new_structure_name = forms.CharField(
        label=_("Nom de la structure à créer"), max_length=200, required=False
    )

    field_order = [
        "structure",
        "new_structure_kind",
        "new_structure_name",
        "facilitator",
        "project_officer",
    ]

    def __init__(self, *args, request_obj: FacilitationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["structure"].queryset = Structure.objects.order_by("name")
        if not self.is_bound:
            self.initial.setdefault("structure", request_obj.structure_id)
            self.initial.setdefault("new_structure_name", request_obj.project_name)
            kinds = [n.creates_kind for n in request_obj.needs.all() if n.creates_kind]
            if kinds:
                self.initial.setdefault("new_structure_kind", kinds[0])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("structure") is None and "structure" not in self.errors:
            if not cleaned.get("new_structure_kind"):
                self.add_error(
                    "new_structure_kind",
                    _("Choisissez une structure existante ou le type de la structure à créer."),
                )
            if not (cleaned.get("new_structure_name") or "").strip():
                self.add_error("new_structure_name", _("Donnez un nom à la structure à créer."))
        return cleaned
