"""A declaration's year on one grid: twelve months × the four counts.

Each month is a small form (prefix `m01` … `m12`) that carries, hidden, the
counts the page showed (`shown`): a month whose counts were not touched is
left alone, whatever a colleague saved meanwhile; a month touched is saved
only if what is stored is still what the page showed. A month may not be
entered (not begun, before the declaration, after the protocol stopped: its
boxes are disabled) and a value sent for it anyway is refused. A blank box
in a month typed is 0; a month entered is not emptied here (0, not blank).

The whole grid is checked before anything is saved, with the rule of the
follow-ups (re-evaluations and revoyures of month M within the patients
included in M and M−1) read on the grid's new values, December of the year
before and January of the year after as stored. Any error: nothing is saved.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin

from ..models import CooperationDeclaration, MonthlyActivity
from ..models.activity import (
    COUNT_FIELDS,
    MAX_COUNT,
    month_label,
    month_refusal,
    no_reevaluation_message,
    record_activity,
)
from ..models.follow_ups import follow_up_errors, month_after_errors, next_month, previous_month
from .activity import COUNT_ERRORS

LABELS = {
    "inclusions": _("Patients inclus"),
    "reevaluations": _("Réévaluations"),
    "revoyures": _("Revoyures"),
    "exclusions": _("Exclusions"),
}

Counts = dict[str, int]


def shown_value(counts: Counts | None) -> str:
    """The counts a page shows, as its hidden field keeps them: "10,6,0,1",
    or "" for a month not entered."""
    return "" if counts is None else ",".join(str(counts[name]) for name in COUNT_FIELDS)


def parse_shown(value: str) -> Counts | None:
    """The counts of `shown_value` (None: not entered); ValueError if altered."""
    if not value:
        return None
    numbers = [int(part) for part in value.split(",")]
    if len(numbers) != len(COUNT_FIELDS) or min(numbers) < 0:
        raise ValueError(value)
    return dict(zip(COUNT_FIELDS, numbers, strict=True))


def count_field(name: str) -> forms.IntegerField:
    field = forms.IntegerField(
        label=LABELS[name],
        required=False,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(
            attrs={"min": 0, "max": MAX_COUNT, "inputmode": "numeric", "class": "form-control"}
        ),
    )
    field.error_messages.update(COUNT_ERRORS)
    return field


class MonthRowForm(forms.Form):
    """One month of the grid."""

    inclusions = count_field("inclusions")
    reevaluations = count_field("reevaluations")
    revoyures = count_field("revoyures")
    exclusions = count_field("exclusions")
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        data=None,
        *,
        month: datetime.date,
        stored: MonthlyActivity | None,
        refusal: str,
        has_reevaluation: bool,
        today: datetime.date,
    ):
        initial = dict(stored.counts()) if stored else {}
        initial["shown"] = shown_value(stored.counts() if stored else None)
        super().__init__(data, prefix=f"m{month.month:02d}", initial=initial)
        self.month, self.stored, self.refusal = month, stored, refusal
        self.label = month_label(month)
        self.is_future = month > today
        self.has_reevaluation = has_reevaluation
        self.flagged: set[str] = set()  # boxes a message of the grid is about
        for name in COUNT_FIELDS:
            locked = refusal or (name == "reevaluations" and not has_reevaluation)
            if locked:
                self.fields[name].widget.attrs["disabled"] = True

    @property
    def locked(self) -> bool:
        return bool(self.refusal)

    @property
    def count_fields(self) -> list[tuple[forms.BoundField, bool, bool]]:
        """The four boxes, each with whether it is in error and disabled."""
        return [
            (
                self[name],
                bool(self[name].errors) or name in self.flagged,
                bool(self.fields[name].widget.attrs.get("disabled")),
            )
            for name in COUNT_FIELDS
        ]

    def refuse(self, name: str, message) -> None:
        """A message of the grid about box `name`: the message names the box."""
        self.flagged.add(name)
        self.add_error(None, message)

    def clean_shown(self) -> Counts | None:
        try:
            return parse_shown(self.cleaned_data["shown"])
        except ValueError:
            raise forms.ValidationError(
                _("Ce tableau est incomplet : rechargez la page et recommencez.")
            ) from None

    def typed(self) -> Counts | None:
        """The counts typed (a blank box is 0), None when every box is blank."""
        values = {name: self.cleaned_data.get(name) for name in COUNT_FIELDS}
        if all(value is None for value in values.values()):
            return None
        return {name: value or 0 for name, value in values.items()}

    def error_id(self) -> str:
        return f"{self.prefix}-erreurs"


class GridTokenForm(OneTimeTokenMixin, forms.Form):
    """The grid's one-time token: a second click is sent to the first's result."""


class YearGrid:
    """The twelve month forms of `year`, checked together against what is
    stored (`stored`: the rows of the year, December before, January after)."""

    def __init__(
        self,
        declaration: CooperationDeclaration,
        year: int,
        stored: list[MonthlyActivity],
        *,
        stopped_on: datetime.date | None,
        data=None,
        today: datetime.date | None = None,
    ):
        self.declaration, self.year = declaration, year
        today = today or timezone.localdate()
        self.stored = {row.month: row for row in stored}
        has_reevaluation = declaration.protocol.has_reevaluation
        self.rows = [
            MonthRowForm(
                data,
                month=month,
                stored=self.stored.get(month),
                refusal=month_refusal(declaration, month, stopped_on, today),
                has_reevaluation=has_reevaluation,
                today=today,
            )
            for month in (datetime.date(year, number, 1) for number in range(1, 13))
        ]
        self.changed: list[MonthRowForm] = []

    @property
    def is_bound(self) -> bool:
        return self.rows[0].is_bound

    def errors(self) -> list[tuple[MonthRowForm, list[str]]]:
        """Each month in error with its messages, in the order of the grid."""
        return [(row, _messages(row)) for row in self.rows if row.errors]

    def year_activities(self) -> list[MonthlyActivity]:
        return [row for month, row in sorted(self.stored.items()) if month.year == self.year]

    def is_valid(self) -> bool:
        """Every month's boxes, then the grid as a whole (nothing is saved)."""
        if not all([row.is_valid() for row in self.rows]):
            return False
        effective: dict[datetime.date, Counts | None] = {}
        for row in self.rows:
            effective[row.month] = self._check_month(row)
        if any(row.errors for row in self.rows):
            return False
        self._check_follow_ups(effective)
        return not any(row.errors for row in self.rows)

    def _check_month(self, row: MonthRowForm) -> Counts | None:
        """The month's counts once saved; records the month among the changed."""
        stored = row.stored.counts() if row.stored else None
        shown, typed = row.cleaned_data["shown"], row.typed()
        if typed == shown or (row.refusal and typed is None):
            # Untouched (a month locked sends nothing: its boxes are disabled).
            return stored
        if row.refusal:
            row.add_error(None, row.refusal)
        elif typed is None:
            row.add_error(
                None,
                gettext(
                    "Ce mois est déjà saisi : pour le corriger, indiquez 0 plutôt que de "
                    "vider les cases."
                ),
            )
        elif stored != shown:
            row.add_error(None, _changed_meanwhile(row.stored))
        elif typed["reevaluations"] and not row.has_reevaluation:
            row.refuse("reevaluations", no_reevaluation_message(self.declaration.protocol))
        else:
            self.changed.append(row)
            return typed
        return stored

    def _check_follow_ups(self, effective: dict) -> None:
        """Re-evaluations and revoyures of each month within the patients
        included in it and the month before, on the grid's new values."""
        changed = {row.month for row in self.changed}
        before = self.stored.get(previous_month(datetime.date(self.year, 1, 1)))
        inclusions_before = before.inclusions if before else 0
        month_before = None
        for row in self.rows:
            counts = effective[row.month]
            if counts and (row.month in changed or month_before in changed):
                errors = follow_up_errors(row.month, counts, inclusions_before)
                if row.month in changed:
                    for name, message in errors.items():
                        row.refuse(name, message)
                elif errors:
                    for message in month_after_errors(month_before, inclusions_before, counts):
                        self._row(month_before).refuse("inclusions", message)
            inclusions_before = counts["inclusions"] if counts else 0
            month_before = row.month
        december = self.rows[-1]
        after = self.stored.get(next_month(december.month))
        if december.month in changed and after is not None:
            for message in month_after_errors(december.month, inclusions_before, after.counts()):
                december.refuse("inclusions", message)

    def _row(self, month: datetime.date) -> MonthRowForm:
        return self.rows[month.month - 1]

    def save(self, *, by) -> tuple[list[MonthlyActivity], int]:
        """Save the months changed (after `is_valid`), each through
        `record_activity`: the counts replaced go to the declaration's
        history. Returns the months saved and how many replaced counts."""
        saved, replaced = [], 0
        for row in self.changed:
            activity = row.stored or MonthlyActivity(declaration=self.declaration, month=row.month)
            for name, value in row.typed().items():
                setattr(activity, name, value)
            if record_activity(activity, by=by) is not None:
                replaced += 1
            self.stored[row.month] = activity
            saved.append(activity)
        return saved, replaced


def _messages(row: MonthRowForm) -> list[str]:
    messages = list(row.non_field_errors())
    for name in COUNT_FIELDS:
        messages += [f"{LABELS[name]} : {message}" for message in row.errors.get(name, [])]
    for message in row.errors.get("shown", []):
        messages.append(message)
    return messages


def _changed_meanwhile(stored: MonthlyActivity | None) -> str:
    if stored is None:
        return gettext(
            "Ce mois a changé depuis l'ouverture de la page : rechargez-la ; rien n'a été "
            "enregistré."
        )
    return gettext(
        "Ce mois vient d'être modifié%(by)s (%(counts)s) : rechargez la page pour voir ses "
        "comptes ; rien n'a été enregistré."
    ) % {
        "by": gettext(" par %(name)s") % {"name": stored.entered_by.display_name}
        if stored.entered_by
        else "",
        "counts": stored.counts_label(),
    }
