"""Calendar events of the coordination protocols (gecolib/calendar.py)."""

from __future__ import annotations

import datetime
import logging

from django.db.models import Q
from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import CalendarEvent, register_calendar_source
from gecolib.team_data import date_in_range
from structures.followers import followed_structures_q
from structures.models import Membership, Structure

from .models import Protocol

logger = logging.getLogger(__name__)


@register_calendar_source
def protocol_reviews(user, start: datetime.date):
    """The review dates of protocols in force in the structures the user is a
    member of or follows (not every structure for staff). A review date that
    cannot be written in a calendar (out of 2000–2100, left by an older
    version) is logged and skipped: the feed never fails because of it."""
    if not user.is_authenticated:
        return
    members = Membership.objects.current().filter(user=user).values("structure_id")
    followed = Structure.objects.filter(Q(pk__in=members) | followed_structures_q(user))
    protocols = (
        Protocol.objects.visible_to(user)
        .of_team(user)
        .in_force()
        .filter(structure__in=followed, review_date__gte=start)
        .select_related("structure")
    )
    for protocol in protocols:
        if not date_in_range(protocol.review_date):
            logger.warning(
                "Protocol %s: review date %s left out of the calendar (out of range)",
                protocol.pk,
                protocol.review_date,
            )
            continue
        yield CalendarEvent(
            uid=f"protocol-review-{protocol.pk}@gecolib",
            summary=_("Révision du protocole « %(title)s » (%(structure)s)")
            % {"title": protocol.title, "structure": protocol.structure.name},
            start=protocol.review_date,
            end=protocol.review_date + datetime.timedelta(days=1),
            url=absolute_url(protocol),
        )
