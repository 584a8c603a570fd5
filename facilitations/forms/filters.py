"""GET filters of the staff triage queue and the facilitator's workspace
(django-filter, like the structures directory)."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.forms import FilterForm
from gecolib.models import Department
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.models import Structure

from ..enums import FacilitationStatus, RequestStatus
from ..models import Facilitation, Need

OPEN = "ouvertes"  # the filter value of requests or facilitations still open
UNREAD = "non-lus"  # the filter value of requests with a message not read yet


def _brittany_departments() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Département"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        empty_label=_("Tous"),
        method="filter_department",
    )


class _DefaultedFilterSet(django_filters.FilterSet):
    """Filters with defaults, rendered field by field (`_filter_form.html`;
    `FilterForm` gives the selects their Bootstrap class).

    A filter absent from the query string takes its default: a pagination
    link followed from the unfiltered page (`?page=2`) keeps the default
    filters, while an explicit « Tous » (`status=`) stays. A query string
    that does not validate shows the default list (`fallback`)."""

    class Meta:
        form = FilterForm

    def __init__(self, data, *args, defaults: dict[str, str], **kwargs):
        data = data.copy()
        for name, value in defaults.items():
            if name not in data:
                data[name] = value
        super().__init__(data, *args, **kwargs)
        # A default is not a filter the user chose (the count of _filter_form.html).
        for name, value in defaults.items():
            self.form.fields[name].initial = value

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.form.is_valid():
            return self.fallback(queryset)
        return super().filter_queryset(queryset)

    def fallback(self, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError


class TriageFilter(_DefaultedFilterSet):
    OPEN = OPEN
    AGE_CHOICES = [
        ("7", _("Plus de 7 jours")),
        ("30", _("Plus de 30 jours")),
        ("90", _("Plus de 90 jours")),
    ]
    status = django_filters.ChoiceFilter(
        label=_("Statut"),
        choices=[(OPEN, _("À traiter")), ("", _("Tous")), *RequestStatus.choices],
        empty_label=None,
        method="filter_status",
    )
    department = _brittany_departments()
    need = django_filters.ModelChoiceFilter(
        label=_("Besoin"),
        queryset=Need.objects.all(),
        empty_label=_("Tous"),
        field_name="needs",
        distinct=False,
    )
    age = django_filters.ChoiceFilter(
        label=_("Déposée depuis"),
        choices=AGE_CHOICES,
        empty_label=_("Toutes"),
        method="filter_age",
    )
    messages = django_filters.ChoiceFilter(
        label=_("Messages"),
        choices=[(UNREAD, _("Avec un message non lu"))],
        empty_label=_("Tous"),
        method="filter_messages",
    )

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, defaults={"status": OPEN}, **kwargs)

    def filter_messages(self, queryset, name, value):
        """Needs the person the list is for (`self.request.user`)."""
        return queryset.with_unread_messages(self.request.user) if value == UNREAD else queryset

    def fallback(self, queryset):
        return queryset.open()

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == OPEN else queryset.filter(status=value)

    def filter_department(self, queryset, name, value):
        return queryset.filter(epci__department=value)

    def filter_age(self, queryset, name, value):
        return queryset.filter(created_at__lte=timezone.now() - datetime.timedelta(days=int(value)))


class WorkspaceFilter(_DefaultedFilterSet):
    """The facilitations a facilitator sees; `request` gives the user. Staff
    see all of them by default, the others those of their binôme."""

    MINE, PAST, ALL = "miennes", "passees", "toutes"
    scope = django_filters.ChoiceFilter(
        label=_("Facilitations"),
        choices=[
            (MINE, _("Celles de mon binôme")),
            (PAST, _("Celles que j'ai facilitées avant")),
            (ALL, _("Toutes (équipe GECO Lib')")),
        ],
        empty_label=None,
        method="filter_scope",
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"),
        choices=[(OPEN, _("En cours ou en pause")), ("", _("Tous")), *FacilitationStatus.choices],
        empty_label=None,
        method="filter_status",
    )
    department = _brittany_departments()

    def __init__(self, data, *args, request, **kwargs):
        self.default_scope = self.ALL if request.user.is_staff else self.MINE
        if not data.get("scope"):
            # No scope (or an empty one) is the user's default: never all
            # facilitations for a facilitator.
            data = data.copy()
            data["scope"] = self.default_scope
        super().__init__(data, *args, request=request, defaults={"status": OPEN}, **kwargs)
        self.form.fields["scope"].initial = self.default_scope
        if not request.user.is_staff:
            field = self.form.fields["scope"]
            field.choices = [choice for choice in field.choices if choice[0] != self.ALL]

    @property
    def values(self) -> dict:
        """The filters applied: the valid ones, or the defaults."""
        if self.form.is_valid():
            return self.form.cleaned_data
        return {"scope": self.default_scope, "status": OPEN, "department": None}

    @property
    def chosen_scope(self) -> str:
        return self.values["scope"]

    @property
    def is_default(self) -> bool:
        """An empty list is then « nothing assigned to you », not « no match »."""
        values = self.values
        return (
            values["scope"] == self.default_scope
            and values["status"] == OPEN
            and not values["department"]
        )

    def fallback(self, queryset):
        queryset = self.filter_scope(queryset, "scope", self.default_scope)
        return self.filter_status(queryset, "status", OPEN)

    def filter_scope(self, queryset, name, value):
        user = self.request.user
        if value == self.PAST:
            # Where I was in the binôme and no longer am (read-only for me).
            return queryset.assigned_to(user).exclude(
                pk__in=Facilitation.objects.currently_assigned_to(user).values("pk")
            )
        if value == self.MINE:
            return queryset.currently_assigned_to(user)
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == OPEN else queryset.filter(status=value)

    def filter_department(self, queryset, name, value):
        return queryset.filter(structure__in=Structure.objects.filter(epcis__department=value))
