"""Reminders of the national cooperation protocols: the monthly counts not
entered by the 10th, and a "nouvelle déclaration" still to be made. Each goes
only to those who may read the declaration now (`access.readers_among`)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from gecolib.reminders import ReminderKind, register_reminder
from structures.models import Membership

from .access import readers_among
from .models import CooperationDeclaration, MonthlyActivity, Participant
from .models.declarations import EDITOR_ROLES, DeclarationStatus, ParticipantRole

# Day of the month by which the previous month's counts are expected.
COUNTS_DUE_DAY = 10


def previous_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _with_people(queryset):
    """Declarations with their structure's editors and their current délégués."""
    return queryset.select_related("structure", "protocol").prefetch_related(
        Prefetch(
            "structure__memberships",
            queryset=Membership.objects.current()
            .filter(role__in=EDITOR_ROLES)
            .select_related("user"),
            to_attr="cooperation_editors",
        ),
        Prefetch(
            "participants",
            queryset=Participant.objects.filter(
                removed_on__isnull=True, role=ParticipantRole.DELEGATE
            ).select_related("user"),
            to_attr="current_delegates",
        ),
    )


def _editors(declaration) -> list:
    return [m.user for m in declaration.structure.cooperation_editors]


@register_reminder
class CooperationCountsReminder(ReminderKind):
    """From the 10th, the previous month's counts of an active protocol are
    still missing: to the structure's coordinators and référents and to the
    protocol's délégués."""

    code = "cooperation_counts"
    label = _("Activité mensuelle d'un protocole de coopération non saisie le 10 du mois")
    template = "protocols/cooperation/email/counts_reminder"

    def due(self, today: datetime.date):
        if today.day < COUNTS_DUE_DAY:
            return []
        month = previous_month(today)
        entered = MonthlyActivity.objects.filter(declaration=OuterRef("pk"), month=month)
        declarations = (
            CooperationDeclaration.objects.filter(
                status__in=[DeclarationStatus.DECLARED, DeclarationStatus.ACTIVE],
                declared_on__lt=today.replace(day=1),
            )
            .exclude(Exists(entered))
            .order_by("pk")
        )
        items = list(_with_people(declarations))
        for declaration in items:
            declaration.reminded_month = month
            declaration.counts_due_on = today.replace(day=COUNTS_DUE_DAY)
        return items

    def recipients(self, declaration):
        """The editors and the délégués who still read the declaration (a
        délégué who left the structure is still on its team until removed)."""
        users = {u.pk: u for u in _editors(declaration)}
        for participant in declaration.current_delegates:
            users.setdefault(participant.user_id, participant.user)
        return readers_among(users.values(), declaration)

    def target_date(self, declaration) -> datetime.date:
        return declaration.counts_due_on

    def context(self, declaration) -> dict:
        return {
            "declaration": declaration,
            "structure": declaration.structure,
            "month": declaration.reminded_month,
        }


@register_reminder
class NewDeclarationReminder(ReminderKind):
    """The declared team changed and the new declaration to the ARS is not
    recorded yet: to the structure's coordinators and référents, once per change."""

    code = "cooperation_new_declaration"
    label = _("Nouvelle déclaration d'un protocole de coopération à faire (coordinateurs)")
    template = "protocols/cooperation/email/new_declaration_reminder"

    def due(self, today: datetime.date):
        declarations = CooperationDeclaration.objects.filter(
            new_declaration_needed=True, team_changed_on__lte=today
        ).order_by("pk")
        return list(_with_people(declarations))

    def recipients(self, declaration):
        return readers_among(_editors(declaration), declaration)

    def target_date(self, declaration) -> datetime.date:
        return declaration.team_changed_on

    def context(self, declaration) -> dict:
        return {"declaration": declaration, "structure": declaration.structure}
