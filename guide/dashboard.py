"""Dashboard panel of the guide: for editors, what waits for them."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.dashboard import register_panels
from gecolib.todos import Todo, register_todos

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


# The oldest waiting suggestions and pages in review are listed one by one;
# the guide's own pages list the rest.
TODO_SIZE = 10


@register_todos
def todos(user) -> list[Todo]:
    """For editors: each suggestion waiting for an answer; for staff, who
    publish, each page sent for review (2 queries)."""
    if not is_guide_editor(user):
        return []
    result = [
        Todo(
            key=f"guide-suggestion-{suggestion.pk}",
            label=_("Répondre à la suggestion « %(title)s »") % {"title": suggestion.title},
            url=reverse("guide:suggestion", args=[suggestion.pk]),
            topic=_("Guide"),
            since=timezone.localdate(suggestion.created_at),
        )
        for suggestion in Suggestion.objects.waiting().order_by("created_at", "pk")[:TODO_SIZE]
    ]
    if user.is_staff:
        in_review = Page.objects.filter(in_review=True, archived_at__isnull=True)
        result += [
            Todo(
                key=f"guide-review-{page.pk}",
                label=_("Relire la page « %(title)s » avant publication") % {"title": page.title},
                url=reverse("guide:page_edit", args=[page.slug]),
                topic=_("Guide"),
            )
            for page in in_review.order_by("title", "pk")[:TODO_SIZE]
        ]
    return result
