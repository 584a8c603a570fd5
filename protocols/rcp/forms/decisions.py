from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.forms import FilterForm
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin, identity_error
from gecolib.widgets import DateInput

from .. import minutes
from ..concurrency import BASE_VERSION, BaseVersionFormMixin, base_version_field
from ..enums import DecisionStatus
from ..models import Decision, Meeting
from .agenda import MemberChoiceField, member_choices


class IdentityCheckedFormMixin:
    """For plain forms whose texts end in a TeamDataChecks model through a
    service: the same check (`identity_error`), field by field, so that the
    error shows on the field and a possible name asks for the confirmation."""

    checked_fields: tuple[str, ...] = ()

    def checked_names(self) -> list[str]:
        return list(self.checked_fields)

    def clean(self):
        data = super().clean()
        for name in self.checked_names():
            error = identity_error(data.get(name) or "", names_confirmed=self.names_confirmed)
            if error is not None:
                self.add_error(name, error)
        return data


class MinutesForm(
    IdentityCheckedFormMixin, BaseVersionFormMixin, ConfirmNamesFormMixin, forms.Form
):
    """The minutes: general points, then the summary of each agenda item;
    saved only if nobody saved them since the version the page started from."""

    minutes_text = forms.CharField(
        label=_("Points généraux"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, meeting: Meeting, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting, self.items = meeting, list(items)
        self.initial.setdefault("minutes_text", meeting.minutes_text)
        self.fields[BASE_VERSION] = base_version_field()
        self.initial.setdefault(BASE_VERSION, meeting.minutes_version)
        for item in self.items:
            label = (
                f"{item.order}. {item.case_label + ' – ' if item.case_label else ''}{item.title}"
            )
            self.fields[f"summary_{item.pk}"] = forms.CharField(
                label=_("Synthèse : %(item)s") % {"item": label},
                required=False,
                initial=item.summary,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def checked_names(self) -> list[str]:
        return ["minutes_text", *(f"summary_{item.pk}" for item in self.items)]

    def save(self) -> Meeting:
        """`minutes.save_minutes`: raises `EditedMeanwhile` on a stale save."""
        return minutes.save_minutes(
            self.meeting,
            general=self.cleaned_data["minutes_text"],
            summaries={item.pk: self.cleaned_data[f"summary_{item.pk}"] for item in self.items},
            base_version=self.cleaned_data[BASE_VERSION],
            names_confirmed=self.names_confirmed,
        )


class DecisionForm(OneTimeTokenMixin, ConfirmNamesFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["item", "text", "owner", "due_date", "to_protocol", "ppcs"]
        widgets = {"due_date": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["item"].queryset = meeting.items.all()
        self.fields["item"].required = False
        self.fields["owner"] = MemberChoiceField(
            label=_("Responsable"), queryset=member_choices(meeting)
        )

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < self.meeting.date:
            raise forms.ValidationError(_("L'échéance ne peut pas précéder la date de la RCP."))
        return value


class DecisionCloseForm(IdentityCheckedFormMixin, ConfirmNamesFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    checked_fields = ("comment",)


class AmendForm(IdentityCheckedFormMixin, OneTimeTokenMixin, ConfirmNamesFormMixin, forms.Form):
    """What an amendment of validated minutes changes: kept with the new
    version (never e-mailed), checked like every free text."""

    comment = forms.CharField(
        label=_("Ce que l'amendement change"),
        max_length=255,
        error_messages={"required": _("Dites ce que l'amendement change.")},
    )

    checked_fields = ("comment",)


STATE_CHOICES = [
    ("open", _("À faire")),
    ("overdue", _("En retard")),
    ("done", _("Réalisées")),
    ("abandoned", _("Abandonnées")),
]


class DecisionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("État"), choices=STATE_CHOICES, empty_label=_("Toutes"), method="filter_state"
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Responsable"), queryset=None, empty_label=_("Tous")
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Réunion"), queryset=None, empty_label=_("Toutes")
    )

    class Meta:
        model = Decision
        fields = ["state", "owner", "meeting"]
        form = FilterForm

    def __init__(self, *args, structure, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = owners
        self.filters["owner"].field.label_from_instance = lambda user: user.display_name
        self.filters["meeting"].queryset = Meeting.objects.filter(structure=structure)

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.filter(status=DecisionStatus.OPEN)
        if value == "overdue":
            return queryset.filter(status=DecisionStatus.OPEN, due_date__lt=today)
        if value == "done":
            return queryset.filter(status=DecisionStatus.DONE)
        if value == "abandoned":
            return queryset.filter(status=DecisionStatus.ABANDONED)
        return queryset
