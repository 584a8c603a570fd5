"""Filters of the staff overview of cooperation protocols (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import Department
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.models import Structure
from structures.models.structure import department_q

from ..models.cooperation import CooperationDeclaration, NationalProtocol
from ..models.cooperation.declarations import DeclarationStatus


def department_choices() -> list[tuple[str, str]]:
    return [
        (d.code, str(d))
        for d in Department.objects.filter(code__in=BRITTANY_DEPARTMENTS).order_by("code")
    ]


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 2019, -1)]


class OverviewFilter(django_filters.FilterSet):
    protocol = django_filters.ModelChoiceFilter(
        label=_("Protocole"),
        queryset=NationalProtocol.objects.order_by("short_name"),
        empty_label=_("Tous"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    department = django_filters.ChoiceFilter(
        label=_("Département"),
        choices=[],
        empty_label=_("Tous"),
        method="filter_department",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"),
        choices=DeclarationStatus.choices,
        empty_label=_("Tous"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = CooperationDeclaration
        fields = ["protocol", "department", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].extra["choices"] = department_choices()

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            structure__in=Structure.objects.filter(department_q(value)).values("pk")
        )
