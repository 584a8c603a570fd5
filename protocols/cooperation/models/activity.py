"""A declaration's monthly activity: counts only, never a patient.

Counts are bounded (`MAX_COUNT` a month): a typing slip of a few digits is
refused rather than financed. Re-evaluations and revoyures of a month may not
exceed the patients included that month and the month before (`follow_ups`).
Entering a month again replaces its counts once confirmed, and the counts
replaced stay in the declaration's history (`record_activity`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

from .declarations import CooperationDeclaration, DeclarationEvent, EventKind
from .follow_ups import follow_up_errors, month_after_errors, next_month, previous_month

MAX_COUNT = 10_000
COUNT_FIELDS = ("inclusions", "reevaluations", "revoyures", "exclusions")
MAX_COUNT_MESSAGE = _("Au plus 10 000 par mois : vérifiez le nombre saisi.")


def count_field(label):
    return models.PositiveIntegerField(
        label, default=0, validators=[MaxValueValidator(MAX_COUNT, message=MAX_COUNT_MESSAGE)]
    )


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_refusal(
    declaration: CooperationDeclaration,
    month: datetime.date,
    stopped_on: datetime.date | None,
    today: datetime.date | None = None,
) -> str:
    """Why no count may be entered for `month` (its first day) of
    `declaration` ("" when they may): a month not begun, before the
    declaration, after the protocol stopped (`stopped_on`, None while it is
    not). The rule of a month typed alone and of the year's grid."""
    today = today or timezone.localdate()
    if stopped_on and month > first_of_month(stopped_on):
        return gettext(
            "Le protocole est arrêté depuis le %(date)s : aucune activité après ce mois-là."
        ) % {"date": stopped_on.strftime("%d/%m/%Y")}
    if declaration.declared_on and month < first_of_month(declaration.declared_on):
        return gettext(
            "Le protocole a été déclaré le %(date)s : aucune activité avant ce mois-là."
        ) % {"date": declaration.declared_on.strftime("%d/%m/%Y")}
    if month > first_of_month(today):
        return gettext(
            "Ce mois n'est pas encore commencé : on ne saisit que des mois passés "
            "ou le mois en cours."
        )
    return ""


def no_reevaluation_message(protocol) -> str:
    return gettext("Le protocole « %(protocol)s » ne prévoit pas de réévaluation : laissez 0.") % {
        "protocol": protocol.short_name
    }


class MonthlyActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(declaration__in=CooperationDeclaration.objects.visible_to(user))

    def in_year(self, year: int):
        return self.filter(month__year=year)


class MonthlyActivity(TeamDataChecks, models.Model):
    """What a team did under a protocol in one month: how many patients were
    included, re-evaluated, seen again by the délégant (revoyure) or excluded."""

    declaration = models.ForeignKey(
        CooperationDeclaration, on_delete=models.CASCADE, related_name="activities"
    )
    month = models.DateField(_("mois"), help_text=_("Le premier jour du mois."))
    inclusions = count_field(_("patients inclus"))
    reevaluations = count_field(_("réévaluations"))
    revoyures = count_field(_("revoyures par le délégant"))
    exclusions = count_field(_("patients exclus"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("saisi le"), default=timezone.now)

    objects = MonthlyActivityQuerySet.as_manager()

    class Meta:
        # The table it had in the "protocols" app (the move renamed no table).
        db_table = "protocols_monthlyactivity"
        ordering = ["declaration", "month"]
        verbose_name = _("activité mensuelle")
        verbose_name_plural = _("activités mensuelles")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "month"],
                name="cooperation_activity_one_per_month",
                violation_error_message=_("Ce mois est déjà saisi pour ce protocole."),
            ),
            models.CheckConstraint(
                condition=Q(inclusions__gte=0)
                & Q(reevaluations__gte=0)
                & Q(revoyures__gte=0)
                & Q(exclusions__gte=0),
                name="cooperation_activity_counts_not_negative",
                violation_error_message=_("Un nombre ne peut pas être négatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.declaration} – {self.month:%m/%Y}"

    def clean(self) -> None:
        errors = {}
        if self.month:
            if self.month.day != 1:
                self.month = first_of_month(self.month)
            declaration = self.declaration
            if refused := month_refusal(declaration, self.month, declaration.stopped_on()):
                errors["month"] = refused
        for name in ("inclusions", "reevaluations", "revoyures", "exclusions"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Un nombre de patients ne peut pas être négatif.")
        if (
            "reevaluations" not in errors
            and self.reevaluations
            and not self.declaration.protocol.has_reevaluation
        ):
            errors["reevaluations"] = no_reevaluation_message(self.declaration.protocol)
        if "month" not in errors and self.month and self._counts_are_numbers():
            for name, message in self.follow_up_errors().items():
                errors.setdefault(name, message)
        if errors:
            raise ValidationError(errors)

    def _counts_are_numbers(self) -> bool:
        return all(isinstance(getattr(self, name), int) for name in COUNT_FIELDS)

    def follow_up_errors(self) -> dict:
        """Re-evaluations and revoyures follow the patients included this
        month or the month before (`follow_ups`): this month's may not exceed
        them, and this month's inclusions may not fall below what the month
        after already counts. One query: this row as stored and its two
        neighbours."""
        before, after = previous_month(self.month), next_month(self.month)
        rows = MonthlyActivity.objects.filter(declaration_id=self.declaration_id).filter(
            Q(month__in=[before, after]) | Q(pk=self.pk)
        )
        stored = {row.month: row for row in rows if row.pk != self.pk}
        moved_from = next((row.month for row in rows if row.pk == self.pk), self.month)
        row_before = stored.get(before)
        errors = follow_up_errors(
            self.month, self.counts(), row_before.inclusions if row_before else 0
        )
        row_after = stored.get(after)
        refused = month_after_errors(
            self.month, self.inclusions, row_after.counts() if row_after else None
        )
        if refused:
            errors["inclusions"] = refused
        if moved_from != self.month:
            # The row leaves its month (admin): the month after it loses them.
            left = MonthlyActivity.objects.filter(
                declaration_id=self.declaration_id, month=next_month(moved_from)
            ).first()
            refused = month_after_errors(moved_from, 0, left.counts() if left else None)
            if refused:
                errors.setdefault("month", refused)
        return errors

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}

    def counts_label(self) -> str:
        """« 10 inclus, 6 réévaluations, 0 revoyure, 1 exclusion » (French
        plurals: 0 and 1 are singular)."""
        return ", ".join(
            [
                _count(self.inclusions, gettext("%(n)s inclus"), gettext("%(n)s inclus")),
                _count(
                    self.reevaluations,
                    gettext("%(n)s réévaluation"),
                    gettext("%(n)s réévaluations"),
                ),
                _count(self.revoyures, gettext("%(n)s revoyure"), gettext("%(n)s revoyures")),
                _count(self.exclusions, gettext("%(n)s exclusion"), gettext("%(n)s exclusions")),
            ]
        )


def _count(n: int, singular: str, plural: str) -> str:
    return (plural if n > 1 else singular) % {"n": n}


def month_label(month: datetime.date) -> str:
    return date_format(month, "F Y")


@transaction.atomic
def record_activity(activity: MonthlyActivity, *, by) -> DeclarationEvent | None:
    """Save a month's counts (validated). When the month was entered before
    with other counts, the counts replaced are written in the declaration's
    history first; returns that event (None for a first entry or the same
    counts)."""
    event = None
    if activity.pk is not None:
        stored = MonthlyActivity.objects.select_for_update(of=("self",)).select_related(
            "entered_by"
        )
        previous = stored.get(pk=activity.pk)
        if previous.counts() != activity.counts():
            event = DeclarationEvent.objects.create(
                declaration=activity.declaration,
                kind=EventKind.ACTIVITY,
                by=by,
                comment=replaced_counts_text(previous)[:255],
            )
    activity.entered_by = by
    activity.updated_at = timezone.now()
    activity.save()
    return event


def replaced_counts_text(previous: MonthlyActivity) -> str:
    """What the history keeps of the counts replaced."""
    entered = timezone.localtime(previous.updated_at).date()
    return gettext("%(month)s, avant correction : %(counts)s (saisis le %(date)s%(by)s).") % {
        "month": month_label(previous.month).capitalize(),
        "counts": previous.counts_label(),
        "date": entered.strftime("%d/%m/%Y"),
        "by": gettext(" par %(name)s") % {"name": previous.entered_by.display_name}
        if previous.entered_by
        else "",
    }
