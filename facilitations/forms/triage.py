"""Staff decisions on a request: redirect, decline, or accept with a binôme."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gecolib.enums import FacilitatorKind
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import EPCI, Charter, CharterAcceptance, User
from gecolib.text import sorted_french
from gecolib.validators import validate_no_patient_identifier
from structures.enums import StructureKind
from structures.models import Structure
from structures.similarity import LOOKALIKE_THRESHOLD, rank_by_similarity

from ..enums import CLOSED_FACILITATION_STATUSES
from ..models import (
    Assignment,
    Facilitation,
    FacilitationRequest,
)


def _name(structure) -> str:
    return structure.name


class RedirectForm(OneTimeTokenMixin, forms.Form):
    to = forms.CharField(
        label=_("Orientée vers"),
        max_length=255,
        help_text=_("Par exemple : le référent ARS du département, une CPTS voisine…"),
        validators=[validate_no_patient_identifier],
    )


class DeclineForm(OneTimeTokenMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le demandeur le lira : restez factuel et bienveillant."),
        validators=[validate_no_patient_identifier],
    )


class FacilitatorChoiceField(forms.ModelChoiceField):
    """Facilitators of one kind, each with their department and how many open
    facilitations they are in (their workload); those who have not accepted
    the current charter are listed (so staff see them) but refused on
    validation."""

    def __init__(self, kind: str, **kwargs):
        charter = Charter.current()
        open_assignments = (
            Assignment.objects.filter(user=OuterRef("pk"), ended_at__isnull=True)
            .exclude(facilitation__status__in=CLOSED_FACILITATION_STATUSES)
            .order_by()
            .values("user")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = (
            User.objects.facilitators()
            .filter(facilitator_kind=kind)
            .select_related("epci__department")
            .annotate(open_count=Coalesce(Subquery(open_assignments), 0))
        )
        if charter is not None:
            queryset = queryset.annotate(
                charter_ok=Exists(
                    CharterAcceptance.objects.filter(user=OuterRef("pk"), charter=charter)
                )
            )
        self.kind = kind
        self.charter_checked = charter is not None
        kwargs.setdefault(
            "empty_label",
            _("— Choisir un %(kind)s —") % {"kind": FacilitatorKind(kind).label.lower()},
        )
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
        department = (
            f"{obj.epci.department.name} ({obj.epci.department.code})"
            if obj.epci_id
            else str(_("département non renseigné"))
        )
        workload = (
            ngettext(
                "%(count)s facilitation en cours",
                "%(count)s facilitations en cours",
                obj.open_count,
            )
            % {"count": obj.open_count}
            if obj.open_count
            else str(_("aucune facilitation en cours"))
        )
        label = f"{obj.display_name} — {department} — {workload}"
        if self.charter_checked and not obj.charter_ok:
            return str(_("%(label)s (charte non acceptée)") % {"label": label})
        return label

    def clean(self, value):
        user = super().clean(value)
        if user is not None:
            Facilitation.check_can_be_assigned(user, self.kind)
        return user


class BinomeForm(OneTimeTokenMixin, forms.Form):
    """The two members of a binôme. Fields are built per form (the current
    charter is read then, never at import time). Assigning e-mails the
    binôme: the form carries the one-time token."""

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
    create_anyway = forms.BooleanField(
        label=_("Créer quand même une nouvelle structure"),
        required=False,
        help_text=_(
            "Seulement si aucune structure au nom proche de ce territoire n'est la même équipe."
        ),
    )

    field_order = [
        "structure",
        "new_structure_kind",
        "new_structure_name",
        "create_anyway",
        "facilitator",
        "project_officer",
    ]

    def __init__(self, *args, request_obj: FacilitationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.request_obj = request_obj
        structures = list(
            Structure.objects.only("pk", "name", "kind").prefetch_related(
                Prefetch("epcis", queryset=EPCI.objects.only("pk"))
            )
        )
        self.local_structures = [
            s for s in structures if any(e.pk == request_obj.epci_id for e in s.epcis.all())
        ]
        self.fields["structure"].queryset = Structure.objects.all()
        self.fields["structure"].choices = self._structure_choices(structures)
        if not self.is_bound:
            self.initial.setdefault("structure", request_obj.structure_id)
            self.initial.setdefault("new_structure_name", request_obj.project_name)
            kinds = [n.creates_kind for n in request_obj.needs.all() if n.creates_kind]
            if kinds:
                self.initial.setdefault("new_structure_kind", kinds[0])

    def _proposed_name(self) -> str:
        """The name of the structure that would be created: the one typed, or
        the request's project name."""
        if self.is_bound:
            return (self.data.get(self.add_prefix("new_structure_name")) or "").strip()
        return self.request_obj.project_name

    def _structure_choices(self, structures) -> list:
        """Structures of the request's territory first, the closest names to
        the project first and look-alikes flagged; then all others, in French
        order."""
        name = self._proposed_name() if not self.request_obj.structure_id else ""
        local_pks = {s.pk for s in self.local_structures}
        ranked = rank_by_similarity(name, self.local_structures)
        if not name:
            ranked = [(s, 0.0) for s in sorted_french(self.local_structures, key=_name)]
        others = sorted_french([s for s in structures if s.pk not in local_pks], key=_name)
        territory = self.request_obj.epci.name
        choices: list = [("", self.fields["structure"].empty_label)]
        if ranked:
            choices.append(
                (
                    _("Même territoire (%(epci)s)") % {"epci": territory},
                    [
                        (
                            s.pk,
                            _("%(name)s — nom proche") % {"name": s.name}
                            if score >= LOOKALIKE_THRESHOLD
                            else s.name,
                        )
                        for s, score in ranked
                    ],
                )
            )
        if others:
            choices.append((_("Autres structures"), [(s.pk, s.name) for s in others]))
        return choices

    def lookalikes(self) -> list:
        """Structures of the request's territory whose name looks like the one
        that would be created (« ESP de Plérin » for « Équipe de santé de
        Plérin »)."""
        if self.request_obj.structure_id:
            return []
        name = self._proposed_name()
        return [
            s
            for s, score in rank_by_similarity(name, self.local_structures)
            if score >= LOOKALIKE_THRESHOLD
        ]

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
            elif not cleaned.get("create_anyway"):
                lookalikes = self.lookalikes()
                if lookalikes:
                    self.add_error(
                        "new_structure_name",
                        _(
                            "Une structure au nom proche existe déjà sur ce territoire : "
                            "%(names)s. Choisissez-la comme structure existante, ou cochez "
                            "« Créer quand même une nouvelle structure »."
                        )
                        % {"names": ", ".join(f"« {s.name} »" for s in lookalikes)},
                    )
        return cleaned
