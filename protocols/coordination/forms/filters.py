"""Filters of the protocol lists (django-filter): the user's protocols, the
network library, the staff overview."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gecolib.forms import FilterForm
from gecolib.models import Department
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.models import Structure
from structures.models.structure import department_q

from ..enums import ProtocolStatus, ProtocolTheme
from ..models import Protocol


class ProtocolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Recherche"), method="filter_text")
    theme = django_filters.ChoiceFilter(
        label=_("Thème"), choices=ProtocolTheme.choices, empty_label=_("Tous les thèmes")
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=ProtocolStatus.choices, empty_label=_("Tous les statuts")
    )

    class Meta:
        model = Protocol
        fields: list[str] = []
        form = FilterForm

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(problem__icontains=value))


class LibraryFilter(ProtocolFilter):
    """The library shows validated protocols only: no status filter."""

    status = None


class OverviewFilter(ProtocolFilter):
    department = django_filters.ModelChoiceFilter(
        label=_("Département"),
        empty_label=_("Tous les départements"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        to_field_name="code",
        method="filter_department",
    )

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(structure__in=_structures_in(value.code))


def _structures_in(code: str):
    return Structure.objects.filter(department_q(code)).values("pk")
