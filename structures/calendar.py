"""The CARPEC sessions where one of the user's structures is reviewed, in the
user's calendar feed (gecolib/calendar.py)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import CalendarEvent, register_calendar_source

from .models import CarpecReview, Membership


@register_calendar_source
def carpec_reviews(user, start: datetime.date):
    if not user.is_authenticated:
        return []
    reviews = CarpecReview.objects.filter(
        structure__in=Membership.objects.current().filter(user=user).values("structure_id"),
        session__date__gte=start,
    ).select_related("structure", "session")
    return [
        CalendarEvent(
            uid=f"carpec-review-{review.pk}",
            summary=_("CARPEC : %(structure)s (%(kind)s)")
            % {"structure": review.structure.name, "kind": review.get_kind_display()},
            start=review.session.date,
            end=review.session.date + datetime.timedelta(days=1),
            description=_(
                "Séance de la CARPEC (cellule d'appui régionale aux projets d'exercice coordonné)."
            ),
            url=absolute_url("structures:detail", pk=review.structure_id),
        )
        for review in reviews
    ]
