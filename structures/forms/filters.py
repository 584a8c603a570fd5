"""The directory's filters (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gecolib.choices import french_order
from gecolib.forms import FilterForm
from gecolib.models import EPCI, Department
from gecolib.territories import BRITTANY_DEPARTMENTS

from ..enums import (
    RECOGNISED_STAGES,
    STAGES_BY_KIND,
    StructureKind,
)
from ..models import (
    Structure,
)

SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "kind": ("kind", "name"),
    "commune": ("commune__name", "name"),
    "stage": ("stage", "name"),
}


# Stage groups of the directory filter: several kinds share a label ("ACI signé",
# "Rédaction du projet de santé"), so each stage is shown under its kind and
# names its kind (the closed select shows the option alone: « ACI signé (MSP) »).
STAGE_GROUPS = [
    (_("ESP et ESP CLAP"), _("ESP"), StructureKind.ESP),
    (_("MSP"), _("MSP"), StructureKind.MSP),
    (_("CPTS"), _("CPTS"), StructureKind.CPTS),
    (_("Centres de santé"), _("centre de santé"), StructureKind.HEALTH_CENTRE),
]


def stage_choices(only: list[str] | None = None) -> list[tuple]:
    """Stages grouped by kind (ESP CLAP stages are a subset of the ESP ones)."""
    groups = []
    for label, short, kind in STAGE_GROUPS:
        stages = [s for s in STAGES_BY_KIND[kind] if only is None or s in only]
        if stages:
            groups.append(
                (
                    label,
                    [
                        (s.value, format_lazy("{stage} ({kind})", stage=s.label, kind=short))
                        for s in stages
                    ],
                )
            )
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
        # The default order is not counted as an active filter (_filter_form.html).
        initial="name",
    )

    class Meta:
        model = Structure
        fields: list[str] = []
        form = FilterForm

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is None or not user.is_authenticated:
            self.filters["stage"].extra["choices"] = stage_choices(RECOGNISED_STAGES)
        french_order(self.form.fields["epci"])

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_department(self, queryset, name, value):
        return queryset.in_department(value.code) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
