from __future__ import annotations

import django_filters
from django import forms
from django.db import transaction
from django.http import QueryDict
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
        # A new decision under each item, and one of no item: typed in the page.
        owners = list(member_choices(meeting))  # read once for every row
        self.rows = {
            key: DecisionRowForm(
                self.data if self.is_bound else None,
                meeting=meeting,
                item=item,
                prefix=decision_row_prefix(key),
                owners=owners,
            )
            for key, item in [*((str(item.pk), item) for item in self.items), (GENERAL, None)]
        }
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

    def is_valid(self) -> bool:
        """The texts and every decision typed (an empty row is left out)."""
        valid = super().is_valid()
        rows_valid = all([row.is_valid() for row in self.rows.values()])
        if not rows_valid:
            self.add_error(
                None,
                _("Une décision n'est pas complète ou pas acceptée : voyez le message sous elle."),
            )
        return valid and rows_valid

    def new_decisions(self) -> list[DecisionRowForm]:
        return [row for row in self.rows.values() if row.has_changed()]

    def save(self, *, by) -> Meeting:
        """`minutes.save_minutes`, and the decisions typed, in one transaction:
        `EditedMeanwhile` on a stale save, and then nothing is saved. (A
        second click of the same page starts from a version the first one
        replaced: it is refused, so no decision is created twice.)"""
        with transaction.atomic():
            meeting = minutes.save_minutes(
                self.meeting,
                general=self.cleaned_data["minutes_text"],
                summaries={item.pk: self.cleaned_data[f"summary_{item.pk}"] for item in self.items},
                base_version=self.cleaned_data[BASE_VERSION],
                names_confirmed=self.names_confirmed,
            )
            for row in self.new_decisions():
                row.save_for(by)
        return meeting


class MinutesAmendForm(OneTimeTokenMixin, MinutesForm):
    """Validated minutes change only by an amendment: the texts as they
    should now read and what the amendment changes, saved and announced at
    once (`minutes.amend_minutes`), or nothing at all."""

    comment = forms.CharField(
        label=_("Ce que l'amendement change"),
        max_length=255,
        help_text=_(
            "Gardé avec la version ; les membres invités reçoivent le lien du compte rendu, "
            "pas ce commentaire."
        ),
        error_messages={"required": _("Dites ce que l'amendement change.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"] = self.fields.pop("comment")  # after the texts it sums up

    def checked_names(self) -> list[str]:
        return [*super().checked_names(), "comment"]

    def amend(self, *, by):
        """The texts saved and the new version announced, in one transaction:
        `EditedMeanwhile` on a stale save, `ValidationError` when nothing
        changed — and then nothing is saved."""
        with transaction.atomic():
            super().save(by=by)
            return minutes.amend_minutes(
                self.meeting,
                by=by,
                comment=self.cleaned_data["comment"],
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
        if "item" in self.fields:
            self.fields["item"].queryset = meeting.items.on_agenda()
            self.fields["item"].required = False
        self.fields["owner"] = MemberChoiceField(
            label=_("Responsable"), queryset=member_choices(meeting)
        )

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < self.meeting.date:
            raise forms.ValidationError(_("L'échéance ne peut pas précéder la date de la RCP."))
        return value

    def save_for(self, by) -> Decision:
        decision = self.save(commit=False)
        decision.meeting, decision.created_by = self.meeting, by
        decision.save()
        return decision


GENERAL = "general"
ROW_FIELDS = ("text", "owner", "due_date", "to_protocol", "ppcs")


def decision_row_prefix(key: str) -> str:
    return f"decision-{key}"


class DecisionRowForm(DecisionForm):
    """A new decision typed in the minutes' page under its item (`item`; None:
    the decisions of no item). Left empty, it is ignored."""

    class Meta(DecisionForm.Meta):
        fields = list(ROW_FIELDS)

    def __init__(self, *args, meeting: Meeting, item=None, owners=None, **kwargs):
        kwargs.setdefault("empty_permitted", True)
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, meeting=meeting, **kwargs)
        self.item = self.instance.item = item
        owner = self.fields["owner"]
        owner.empty_label = _("— Choisir le responsable —")
        if owners is not None:
            # The page's rows share one reading of the members (validation still
            # checks the choice against the structure's current members).
            owner.choices = [("", owner.empty_label)] + [
                (user.pk, user.display_name) for user in owners
            ]

    @property
    def key(self) -> str:
        return str(self.item.pk) if self.item else GENERAL

    def has_changed(self) -> bool:
        # Its hidden one-time token is new on each page: not a sign of typing.
        return any(name in self.changed_data for name in ROW_FIELDS)


class DecisionCloseForm(IdentityCheckedFormMixin, ConfirmNamesFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    checked_fields = ("comment",)


STATE_CHOICES = [
    ("open", _("À faire")),
    ("overdue", _("En retard")),
    ("done", _("Réalisées")),
    ("abandoned", _("Abandonnées")),
    ("all", _("Toutes")),
]
DEFAULT_STATE = "open"


class DecisionFilter(django_filters.FilterSet):
    """The page opens on the decisions to do (`DEFAULT_STATE`); done and
    abandoned ones are a choice of « État » away."""

    state = django_filters.ChoiceFilter(
        label=_("État"),
        choices=STATE_CHOICES,
        empty_label=None,
        method="filter_state",
        initial=DEFAULT_STATE,
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

    def __init__(self, data=None, *args, structure, owners, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("state"):
            data["state"] = DEFAULT_STATE
        super().__init__(data, *args, **kwargs)
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
