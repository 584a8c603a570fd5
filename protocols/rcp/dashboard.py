"""The dashboard panel of the RCPs: one's next meetings and open decisions."""

from __future__ import annotations

from gecolib.dashboard import register_panels

from .models import Decision, Meeting


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    decisions = list(
        Decision.objects.visible_to(user)
        .open()
        .owned_by(user)
        .select_related("meeting")
        .order_by("due_date")[:8]
    )
    upcoming = list(
        Meeting.objects.visible_to(user)
        .upcoming()
        .filter(invitees__user=user)
        .select_related("structure")[:3]
    )
    if not decisions and not upcoming:
        return []
    return [("rcp/_panel.html", {"decisions": decisions, "upcoming": upcoming})]
