"""Calendar events of the coordination protocols (gecolib/calendar.py)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import CalendarEvent, register_calendar_source
from structures.followers import followed_structures_q
from structures.models import Membership, Structure

from .models import Protocol


@register_calendar_source
def protocol_reviews(user, start: datetime.date):
    """The review dates of protocols in force in the structures the user is a
    member of or follows (not every structure for staff)."""
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
        yield CalendarEvent(
            uid=f"protocol-review-{protocol.pk}@gecolib",
            summary=_("Révision du protocole « %(title)s » (%(structure)s)")
            % {"title": protocol.title, "structure": protocol.structure.name},
            start=protocol.review_date,
            end=protocol.review_date + datetime.timedelta(days=1),
            url=absolute_url(protocol),
        )
