"""Reminders of the guide (see gecolib/reminders.py): a monthly digest to editors."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from gecolib.absolute_urls import absolute_url
from gecolib.reminders import ReminderKind, register_reminder

from .models import Page, Suggestion, guide_editors


@register_reminder
class GuideMonthlyDigest(ReminderKind):
    """Once a month, to each editor: the pages past their review date, the
    drafts waiting for review and the suggestions waiting for an answer. The
    daily job sends it on its first run of the month where there is something
    to say (the key holds the first day of the month: sent once)."""

    code = "guide_digest"
    label = _("Pages du guide à relire et suggestions en attente (rédacteurs, chaque mois)")
    template = "guide/emails/digest"

    def due(self, today: datetime.date):
        self.today = today
        self.pages = Page.objects.due_for_review(today)
        self.in_review = list(Page.objects.filter(in_review=True).order_by("title"))
        self.waiting = list(Suggestion.objects.waiting().select_related("page"))
        if not (self.pages or self.in_review or self.waiting):
            return []
        # The digest lists drafts and suggestions: their readers, the editors now.
        return guide_editors()

    def recipients(self, user):
        return [user]

    def target_date(self, user) -> datetime.date:
        return self.today.replace(day=1)

    def context(self, user) -> dict:
        return {
            "user": user,
            "pages": [(page, absolute_url("guide:page_edit", page.slug)) for page in self.pages],
            "in_review": [
                (page, absolute_url("guide:page_edit", page.slug)) for page in self.in_review
            ],
            "waiting": [
                (suggestion, absolute_url("guide:suggestion", suggestion.pk))
                for suggestion in self.waiting
            ],
            "to_review_url": absolute_url("guide:to_review"),
        }
