"""The personal calendar feed: a secret URL, shown on the profile page, that a
calendar application subscribes to (no sign-in: the secret is the key). It
lists what `gecolib.calendar.events_for(user)` gathers from the apps — RCPs,
CARPEC sessions, due dates. The owner may renew the secret (the old URL stops
working) or revoke it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..calendar import events_for, ics_calendar
from ..models import CalendarFeedToken


def feed_url(request, feed: CalendarFeedToken | None) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": feed.token}))


@login_not_required
@never_cache
@require_GET
def calendar_feed(request, token: str):
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None or len(token) < 20:
        raise Http404
    name = _("GECO Lib' – agenda de %(name)s") % {"name": feed.user.display_name}
    response = HttpResponse(
        ics_calendar(events_for(feed.user), name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(False, "agenda-gecolib.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def calendar_feed_renew(request):
    existed = CalendarFeedToken.objects.filter(user=request.user).exists()
    CalendarFeedToken.renew(request.user)
    if existed:
        messages.success(
            request,
            _("Un nouveau lien d'agenda a été créé : l'ancien ne fonctionne plus."),
        )
    else:
        messages.success(request, _("Votre lien d'agenda personnel a été créé."))
    return redirect(reverse("profile") + "#agenda")


@require_POST
def calendar_feed_revoke(request):
    deleted, _rows = CalendarFeedToken.objects.filter(user=request.user).delete()
    if deleted:
        messages.success(request, _("Votre lien d'agenda a été supprimé : il ne fonctionne plus."))
    return redirect(reverse("profile") + "#agenda")
