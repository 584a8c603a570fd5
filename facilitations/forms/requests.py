"""A professional's request for help, and the messages about it."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gecolib.choices import french_order
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import EPCI, Profession, User
from gecolib.text import sorted_french
from gecolib.validators import validate_no_patient_identifier
from structures.models import Membership, Structure

from ..models import (
    FacilitationRequest,
    Need,
)


def _name(obj) -> str:
    return obj.name


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Yields <optgroup>s: (group label, [(value, label), …])."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.select_related("department").order_by("department__code", "name")
        for department, items in groupby(rows, key=lambda e: e.department):
            yield (str(department), [self.choice(item) for item in sorted_french(items, key=_name)])


class EpciChoiceField(forms.ModelChoiceField):
    """EPCI grouped by department; enhanced into a searchable combobox by
    static/js/epci-picker.js, and a plain <select> without JavaScript."""

    iterator = GroupedModelChoiceIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", EPCI.objects.all())
        kwargs.setdefault("empty_label", _("— Choisir un territoire —"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "data-combobox": "epci",
                "data-combobox-empty": _("Aucun territoire ne correspond à votre saisie."),
                "data-combobox-count": _("{n} territoires proposés"),
            }
        )

    def label_from_instance(self, obj: EPCI) -> str:
        return f"{obj.name} ({obj.department.code})"


class FacilitationRequestForm(OneTimeTokenMixin, forms.ModelForm):
    epci = EpciChoiceField(
        label=_("Territoire (EPCI)"),
        help_text=_("Tapez quelques lettres du nom de l'intercommunalité pour filtrer la liste."),
    )

    class Meta:
        model = FacilitationRequest
        fields = [
            "structure",
            "project_name",
            "epci",
            "needs",
            "other_need",
            "description",
            "professions",
            "availability",
        ]
        labels = {
            "structure": _("Votre équipe"),
            "project_name": _("Ou le nom du nouveau projet"),
            "needs": _("De quoi avez-vous besoin ?"),
            "other_need": _("Précisez l'autre besoin"),
            "description": _("Décrivez votre projet et votre équipe"),
            "professions": _("Professions déjà impliquées"),
            "availability": _("Vos disponibilités"),
        }
        help_texts = {
            "structure": _("Une structure dont vous êtes membre sur le portail."),
            "project_name": _("Si votre équipe n'existe pas encore sur le portail."),
            "description": _("Aucune donnée concernant des patients, s'il vous plaît."),
            "availability": _("Jours et créneaux où votre équipe peut se réunir."),
        }
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "professions": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "availability": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = Structure.objects.filter(
            pk__in=Membership.objects.current().filter(user=user).values("structure_id")
        )
        self.fields["structure"].empty_label = _("— Un nouveau projet —")
        self.fields["structure"].required = False
        self.fields["needs"].queryset = Need.objects.all()
        self.fields["professions"].queryset = Profession.objects.all()
        french_order(self.fields["professions"])
        if not self.is_bound and user.epci_id:
            self.initial.setdefault("epci", user.epci_id)
        if not self.is_bound and user.profession_id:
            self.initial.setdefault("professions", [user.profession_id])

    def clean_project_name(self) -> str:
        return (self.cleaned_data.get("project_name") or "").strip()

    def clean(self):
        cleaned = super().clean()
        structure, name = cleaned.get("structure"), cleaned.get("project_name")
        if structure is None and not name:
            self.add_error(
                "project_name",
                _("Choisissez votre équipe ou donnez le nom du nouveau projet."),
            )
        elif structure is not None and name:
            self.add_error(
                "project_name",
                _("Choisissez soit une équipe existante, soit un nouveau projet, pas les deux."),
            )
        needs = cleaned.get("needs") or []
        if any(n.code == "autre" for n in needs) and not (cleaned.get("other_need") or "").strip():
            self.add_error("other_need", _("Précisez votre besoin « autre »."))
        return cleaned


class RequestMessageForm(OneTimeTokenMixin, forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Aucune donnée concernant des patients."),
        validators=[validate_no_patient_identifier],
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Le message est vide."))
        return body
