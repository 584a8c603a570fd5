"""GET filters of the staff triage queue and the facilitator's workspace."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import Department
from gecolib.territories import BRITTANY_DEPARTMENTS

from ..enums import FacilitationStatus, RequestStatus
from ..models import (
    Need,
)


class _FilterForm(forms.Form):
    """GET filters rendered field by field: Bootstrap classes on the widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    @classmethod
    def from_query(cls, query, defaults: dict[str, str], **kwargs) -> _FilterForm:
        """Bind to the query string, a filter absent from it taking its default:
        a pagination link followed from the unfiltered page (`?page=2`) keeps
        the default filters, while an explicit « Tous » (`status=`) stays."""
        data = query.copy()
        for name, value in defaults.items():
            if name not in data:
                data[name] = value
        return cls(data, **kwargs)


class TriageFilterForm(_FilterForm):
    OPEN = "ouvertes"
    AGE_CHOICES = [
        ("", _("Toutes")),
        ("7", _("Plus de 7 jours")),
        ("30", _("Plus de 30 jours")),
        ("90", _("Plus de 90 jours")),
    ]
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[(OPEN, _("À traiter")), ("", _("Tous")), *RequestStatus.choices],
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        required=False,
        empty_label=_("Tous"),
    )
    need = forms.ModelChoiceField(
        label=_("Besoin"), queryset=Need.objects.all(), required=False, empty_label=_("Tous")
    )
    age = forms.ChoiceField(label=_("Déposée depuis"), choices=AGE_CHOICES, required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.open()
        data = self.cleaned_data
        status = data.get("status")
        if status == self.OPEN:
            queryset = queryset.open()
        elif status:
            queryset = queryset.filter(status=status)
        if data.get("department"):
            queryset = queryset.filter(epci__department=data["department"])
        if data.get("need"):
            queryset = queryset.filter(needs=data["need"])
        if data.get("age"):
            cutoff = timezone.now() - datetime.timedelta(days=int(data["age"]))
            queryset = queryset.filter(created_at__lte=cutoff)
        return queryset


class WorkspaceFilterForm(_FilterForm):
    MINE, PAST, ALL = "miennes", "passees", "toutes"
    scope = forms.ChoiceField(
        label=_("Facilitations"),
        required=False,
        choices=[
            (MINE, _("Celles de mon binôme")),
            (PAST, _("Celles que j'ai facilitées avant")),
            (ALL, _("Toutes (équipe GECO Lib')")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_staff:
            self.fields["scope"].choices = self.fields["scope"].choices[:2]

    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[
            ("ouvertes", _("En cours ou en pause")),
            ("", _("Tous")),
            *FacilitationStatus.choices,
        ],
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        required=False,
        empty_label=_("Tous"),
    )
