"""A recurring meeting's series: its meetings, those on a French public
holiday flagged with a one-click move to the next working day (POST, one-time
token), which is also offered on the meeting's own page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.idempotency import act_once
from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate
from gecolib.templatetags.french_dates import date_fr

from ..access import can_organise, get_meeting, get_series
from ..series import holiday_notice, move_off_holiday

# Where the move's button sends back: the series' page, or the meeting's.
BACK_TO_SERIES = "series"


@require_GET
def series_detail(request, pk: int):
    series = get_series(request, pk)
    meetings = series.meetings.select_related("structure", "series").order_by("starts_at", "pk")
    page = paginate(request, meetings)
    for meeting in page.object_list:
        meeting.holiday = holiday_notice(meeting)
    return render(
        request,
        "rcp/series.html",
        {
            "series": series,
            "structure": series.structure,
            "page": page,
            "can_organise": can_organise(request.user, series.structure),
            "back": BACK_TO_SERIES,
        },
    )


@require_POST
def meeting_move_off_holiday(request, pk: int):
    """« Déplacer au mardi 7 avril » of a meeting on a public holiday: once
    per click (one-time token); its invited members are told as for any
    change of date."""
    meeting = get_meeting(request, pk, organise=True)
    if request.POST.get("back") == BACK_TO_SERIES and meeting.series_id:
        back = reverse("rcp:series", args=[meeting.series_id])
    else:
        back = meeting.get_absolute_url()

    def move() -> str:
        changes = move_off_holiday(meeting)
        meeting.refresh_from_db()
        text = _("La RCP du %(old)s est déplacée au %(new)s.") % {
            "old": date_fr(old_day, "l j F Y"),
            "new": date_fr(meeting.date, "l j F Y"),
        }
        if changes and meeting.agenda_sent_at:
            text += " " + _("Les personnes invitées ont reçu l'invitation mise à jour.")
        messages.success(request, text)
        return back

    old_day = meeting.date
    try:
        return act_once(request, move, back=back)
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(back)
