"""Dashboard panel of the guide: for editors, what waits for them."""

from __future__ import annotations

from django.db.models import Count, F, Q

from gecolib.dashboard import register_panels

from .models import Page, Suggestion, is_guide_editor


@register_panels
def panels(user) -> list[tuple[str, dict]]:
    if not is_guide_editor(user):
        return []
    # One query for the pages' figures, one for the waiting suggestions.
    figures = Page.objects.aggregate(
        in_review=Count("pk", filter=Q(in_review=True)),
        drafts=Count(
            "pk",
            filter=Q(archived_at__isnull=True)
            & ~Q(latest_revision=None)
            & (Q(live_revision=None) | ~Q(latest_revision=F("live_revision"))),
        ),
        scheduled=Count("pk", filter=Q(scheduled_at__isnull=False)),
    )
    figures["suggestions"] = Suggestion.objects.waiting().count()
    return [("guide/_panel_guide.html", figures)]
