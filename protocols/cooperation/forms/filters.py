"""Filters of the staff overview of cooperation protocols (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from gecolib.forms import FilterForm
from gecolib.models import Department
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.models import Structure
from structures.models.structure import department_q

from ..models import CooperationDeclaration, NationalProtocol
from ..models.declarations import DeclarationStatus


def department_choices() -> list[tuple[str, str]]:
    return [
        (d.code, str(d))
        for d in Department.objects.filter(code__in=BRITTANY_DEPARTMENTS).order_by("code")
    ]


class OverviewFilter(django_filters.FilterSet):
    protocol = django_filters.ModelChoiceFilter(
        label=_("Protocole"),
        queryset=NationalProtocol.objects.order_by("short_name"),
        empty_label=_("Tous"),
    )
    department = django_filters.ChoiceFilter(
        label=_("Département"),
        choices=[],
        empty_label=_("Tous"),
        method="filter_department",
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"),
        choices=DeclarationStatus.choices,
        empty_label=_("Tous"),
    )

    class Meta:
        model = CooperationDeclaration
        fields = ["protocol", "department", "status"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].extra["choices"] = department_choices()

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            structure__in=Structure.objects.filter(department_q(value)).values("pk")
        )
