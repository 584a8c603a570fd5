"""What the other apps offer to do with an RCP's decisions « à formaliser en
protocole » (structures/followups.py): links on the decisions' rows, for those
who organise the structure's RCPs."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.templatetags.french_dates import date_fr
from structures.followups import decision_followups

from .models import Decision


def with_followups(decisions: Iterable[Decision], *, organiser: bool) -> None:
    """Sets `followups` on each decision (rcp/_decision_row.html shows them)."""
    for decision in decisions:
        decision.followups = []
        if organiser and decision.to_protocol:
            held_on = date_fr(timezone.localtime(decision.meeting.starts_at), "j F Y")
            decision.followups = decision_followups(
                decision.meeting.structure_id,
                text=decision.text,
                origin=_("Décision de la RCP du %(date)s") % {"date": held_on},
            )
