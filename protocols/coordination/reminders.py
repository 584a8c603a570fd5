"""Review dates of coordination protocols: 30 days before, and once passed.

Sent to the structure's coordinators and référents and to the protocol's
authors still members — among them, only those who may read the protocol
now (`access.readers_among`, the rule of the pages); each once per protocol
and review date (a new date reminds again)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from gecolib.reminders import DueDateReminder, register_reminder
from structures.models import Membership

from .access import readers_among
from .models import Protocol
from .models.querysets import EDITOR_ROLES

REVIEW_NOTICE_DAYS = 30


def _with_recipients(protocols):
    current = Membership.objects.current().select_related("user")
    return protocols.select_related("structure").prefetch_related(
        Prefetch("structure__memberships", queryset=current, to_attr="current_memberships_list"),
        "authors",
    )


def protocol_recipients(protocol: Protocol) -> list:
    """Who is reminded of a protocol's review: its editors who read it now."""
    memberships = protocol.structure.current_memberships_list
    members = {m.user_id for m in memberships}
    editors = [m.user for m in memberships if m.role in EDITOR_ROLES]
    authors = [u for u in protocol.authors.all() if u.pk in members]
    return readers_among({u.pk: u for u in editors + authors}.values(), protocol)


class _ReviewReminder(DueDateReminder):
    date_field = "review_date"

    def items(self):
        """Protocols in force, with their recipients."""
        return _with_recipients(Protocol.objects.in_force())

    def recipients(self, protocol: Protocol):
        return protocol_recipients(protocol)

    def context(self, protocol: Protocol) -> dict:
        return {"protocol": protocol, "structure": protocol.structure}


@register_reminder
class ProtocolReviewSoon(_ReviewReminder):
    code = "protocol_review_soon"
    label = _("Révision d'un protocole de coordination dans les 30 jours")
    template = "protocols/coordination/email/review_soon"
    soon_days = (0, REVIEW_NOTICE_DAYS)


@register_reminder
class ProtocolReviewPassed(_ReviewReminder):
    code = "protocol_review_passed"
    label = _("Date de révision d'un protocole de coordination dépassée")
    template = "protocols/coordination/email/review_passed"
    overdue = True
