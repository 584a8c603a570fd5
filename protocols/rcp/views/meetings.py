from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.confirmations import confirm_page
from gecolib.idempotency import ActionForm, act_once, submit_once
from gecolib.messages import add_validation_errors
from gecolib.pagination import paginate
from gecolib.pdf import keyed_response
from structures.models import Structure

from .. import invitations
from ..access import can_organise, get_meeting, get_rcp_structure, is_member
from ..enums import ItemStatus
from ..followups import with_followups
from ..forms import AnswerForm, GuestForm, InviteesForm, MeetingEditForm, MeetingForm
from ..models import (
    CHANGE_FIELDS,
    Decision,
    Invitee,
    Meeting,
    MeetingSeries,
    erase_guest_emails,
    invitees_prefetch,
    structures_with_rcp_visible_to,
)
from ..series import (
    AND_FOLLOWING,
    carried_values,
    carry_to_following,
    following_meetings,
    holiday_notice,
    holiday_notices,
)
from .confirmations import (
    cancel_confirmation,
    invited_count,
    item_delete_confirmation,
    minutes_validate_confirmation,
)


@require_GET
def index(request):
    """The RCPs of the structures one sees, one's next meetings and open decisions."""
    user = request.user
    structures = structures_with_rcp_visible_to(user).order_by("name")
    page = paginate(request, structures.only("pk", "name", "kind"))
    upcoming = (
        Meeting.objects.visible_to(user)
        .upcoming()
        .filter(invitees__user=user)
        .select_related("structure")[:10]
    )
    decisions = (
        Decision.objects.visible_to(user).open().owned_by(user).select_related("meeting")[:10]
    )
    return render(
        request,
        "rcp/index.html",
        {"page": page, "upcoming": upcoming, "decisions": decisions},
    )


@require_GET
def structure_meetings(request, pk: int):
    structure = get_rcp_structure(request, pk)
    meetings = (
        Meeting.objects.filter(structure=structure)
        .with_list_related_data()
        .order_by("-starts_at", "-pk")
    )
    page = paginate(request, meetings)
    return render(
        request,
        "rcp/structure.html",
        {
            "structure": structure,
            "page": page,
            "can_organise": can_organise(request.user, structure),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    structure = get_rcp_structure(request, pk, organise=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            return _create_meetings(request, structure, form)

        return submit_once(request, form, create)
    return render(request, "rcp/meeting_form.html", {"structure": structure, "form": form})


def _create_meetings(request, structure: Structure, form: MeetingForm) -> str:
    data, by = form.cleaned_data, request.user
    series = None
    if data.get("repeat"):
        series = MeetingSeries.objects.create(
            structure=structure,
            week_of_month=data["week_of_month"],
            weekday=data["weekday"],
            created_by=by,
        )
    fields = {name: data[name] for name in form.Meta.fields}
    meetings = []
    for starts_at in form.dates():
        meeting = Meeting(structure=structure, series=series, starts_at=starts_at, created_by=by)
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.names_confirmed = form.names_confirmed
        meeting.full_clean()
        meeting.save()
        meeting.sync_invitees()
        meetings.append(meeting)
    if series is None:
        return meetings[0].get_absolute_url()
    messages.success(
        request,
        ngettext(
            "%(count)d réunion a été créée (%(rule)s).",
            "%(count)d réunions ont été créées (%(rule)s).",
            len(meetings),
        )
        % {"count": len(meetings), "rule": series.label},
    )
    on_holidays = len(holiday_notices(meetings))
    if on_holidays:
        messages.warning(
            request,
            ngettext(
                "Une de ces dates est un jour férié : voyez ci-dessous.",
                "%(count)d de ces dates sont des jours fériés : voyez ci-dessous.",
                on_holidays,
            )
            % {"count": on_holidays},
        )
    return reverse("rcp:series", args=[series.pk])


@require_GET
def meeting_detail(request, pk: int):
    meeting = get_meeting(request, pk)
    meeting = (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related("structure", "series", "minutes_validated_by")
        .prefetch_related(invitees_prefetch())
        .get()
    )
    invitee = next((i for i in meeting.invitees.all() if i.user_id == request.user.pk), None)
    items = list(meeting.items.on_agenda().select_related("presenter"))
    decisions = list(meeting.decisions.with_list_related_data())
    organise = can_organise(request.user, meeting.structure)
    agenda_open = not meeting.is_cancelled and not meeting.has_started
    # Organisers examine every waiting proposal; a member sees their own (and their fate).
    proposals = meeting.items.select_related("proposed_by")
    if organise:
        proposals = proposals.proposed()
    else:
        proposals = proposals.filter(proposed_by=request.user).exclude(status=ItemStatus.ACCEPTED)
    proposals = list(proposals)
    for item in [*items, *proposals]:
        item.meeting = meeting
        item.can_edit = not meeting.minutes_validated and (
            (organise and not meeting.is_cancelled)
            or (item.is_authored_by(request.user) and item.editable_by_author())
        )
    guests = list(meeting.guests.all())
    open_decisions = list(
        Decision.objects.open()
        .filter(meeting__structure=meeting.structure, meeting__starts_at__lt=meeting.starts_at)
        .with_list_related_data()[:50]
    )
    with_followups([*decisions, *open_decisions], organiser=organise)
    return render(
        request,
        "rcp/meeting_detail.html",
        {
            "meeting": meeting,
            "structure": meeting.structure,
            "items": items,
            "decisions": decisions,
            "open_decisions": open_decisions,
            "invitee": invitee,
            "answer_form": AnswerForm.preselected(current=invitee.answer) if invitee else None,
            "can_organise": organise,
            "agenda_open": agenda_open,
            "proposals": proposals,
            "can_propose": agenda_open
            and not organise
            and is_member(request.user, meeting.structure),
            "planned_minutes": sum(item.planned_minutes for item in items),
            "holiday": holiday_notice(meeting),
            "guests": guests,
            "guest_form": GuestForm(meeting=meeting) if organise and agenda_open else None,
            "revisions": meeting.minutes_revisions.select_related("author")[:20],
            **_confirmations(meeting, items, organise=organise, guests=guests),
        },
    )


def _confirmations(meeting: Meeting, items: list, *, organise: bool, guests: list) -> dict:
    """The dialogs of the meeting's page, for those who organise it."""
    if meeting.is_cancelled or not organise:
        return {}
    invited = invited_count(meeting)
    confirmations = {}
    if not meeting.has_started:
        confirmations["cancel_confirmation"] = cancel_confirmation(
            meeting,
            invited=invited,
            guests=sum(1 for guest in guests if guest.email),
            form=ActionForm(),
        )
    elif not meeting.minutes_validated:
        confirmations["validate_confirmation"] = minutes_validate_confirmation(
            meeting, invited=invited, form=ActionForm()
        )
    if not meeting.minutes_validated:
        confirmations["item_confirmations"] = [item_delete_confirmation(i) for i in items]
    return confirmations


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    if meeting.is_cancelled:
        messages.error(request, _("Cette RCP est annulée : elle ne change plus."))
        return redirect(meeting)
    saved = {name: getattr(meeting, name) for name in CHANGE_FIELDS}
    following = following_meetings(meeting).count()
    form = MeetingEditForm(request.POST or None, instance=meeting, following=following)
    if request.method == "POST" and form.is_valid():
        try:
            carried, updated = _save_meeting(meeting, form, saved)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _edited_message(request, carried, updated)
            return redirect(meeting)
    return render(
        request,
        "rcp/meeting_form.html",
        {"structure": meeting.structure, "form": form, "meeting": meeting},
    )


@transaction.atomic
def _save_meeting(meeting: Meeting, form: MeetingEditForm, saved: dict) -> tuple[int, int]:
    """The edit saved; with « cette réunion et les suivantes », its time,
    length, mode, place and video link carried to the following meetings of
    the series. Each changed meeting's invitation is updated if its agenda
    went out. Returns how many following meetings changed, and how many
    e-mails left. A following meeting that cannot take the change raises a
    ValidationError, and nothing is saved."""
    values = {name: form.cleaned_data[name] for name in CHANGE_FIELDS}
    meeting = form.save(commit=False)
    # The date, time and place change through apply_changes(), which raises
    # the SEQUENCE and says what changed.
    for name, value in saved.items():
        setattr(meeting, name, value)
    meeting.save()
    changes = meeting.apply_changes(**values)
    carried = []
    if form.cleaned_data.get("scope") == AND_FOLLOWING:
        carried = carry_to_following(meeting, carried_values(saved, meeting))
    updated = invitations.send_update(meeting, changes=changes)
    for following, kinds in carried:
        updated += invitations.send_update(following, changes=kinds)
    return len(carried), updated


def _edited_message(request, carried: int, updated: int) -> None:
    if carried:
        text = ngettext(
            "La RCP et la suivante de la série ont été modifiées.",
            "La RCP et les %(count)d suivantes de la série ont été modifiées.",
            carried,
        ) % {"count": carried}
    else:
        text = _("La RCP a été modifiée.")
    if updated:
        text += " " + _("Les personnes invitées ont reçu l'invitation mise à jour.")
    messages.success(request, text)


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    """GET: the confirmation page (the dialog of the meeting's page says the
    same). POST: the cancellation, e-mailed to the invited members."""
    meeting = get_meeting(request, pk, organise=True)
    if request.method == "GET":
        if meeting.is_cancelled or meeting.has_started:
            messages.error(request, _("Cette RCP ne peut plus être annulée."))
            return redirect(meeting)
        invited = invited_count(meeting)
        guests = meeting.guests.with_email().count()
        context = cancel_confirmation(meeting, invited=invited, guests=guests, form=ActionForm())
        return confirm_page(request, context)

    def cancel() -> str:
        meeting.cancel()
        sent = invitations.send_cancellation(meeting)
        # The outside guests' e-mails served this meeting only (the CANCEL is stored).
        erase_guest_emails(meeting.guests.all())
        if sent:
            messages.success(
                request, _("La RCP est annulée : les membres invités ont reçu l'annulation.")
            )
        else:
            messages.success(request, _("La RCP est annulée."))
        return meeting.get_absolute_url()

    try:
        return act_once(request, cancel, back=meeting.get_absolute_url())
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(meeting)


@require_GET
def meeting_ics(request, pk: int):
    meeting = get_meeting(request, pk)

    def build() -> HttpResponse:
        response = HttpResponse(
            invitations.meeting_ics(meeting), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"rcp-{meeting.date:%Y-%m-%d}.ics"
        )
        response["Cache-Control"] = "private, no-store"
        return response

    # The ETag is known before the file is written: a 304 writes nothing.
    return keyed_response(
        request, invitations.ICS_DOCUMENT, invitations.ics_content_key(meeting), build
    )


@require_http_methods(["GET", "POST"])
def meeting_invitees(request, pk: int):
    meeting = get_meeting(request, pk, organise=True)
    invited = list(meeting.invitees.values_list("user_id", flat=True))
    form = InviteesForm(
        request.POST or None,
        meeting=meeting,
        initial={"invite_all": meeting.invite_all, "users": invited},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting.invite_all = form.cleaned_data["invite_all"]
            meeting.save(update_fields=["invite_all"])
            if meeting.invite_all:
                meeting.sync_invitees()
            else:
                chosen = {user.pk for user in form.cleaned_data["users"]}
                removed = meeting.invitees.exclude(user_id__in=chosen)
                if meeting.has_started:
                    # The meeting's history stays (the form said so): answers, attendance.
                    removed = removed.filter(answer="", attendance="")
                removed.delete()
                Invitee.objects.bulk_create(
                    [Invitee(meeting=meeting, user_id=pk) for pk in sorted(chosen - set(invited))],
                    ignore_conflicts=True,
                )
        messages.success(request, _("La liste des membres invités a été enregistrée."))
        return redirect(meeting)
    return render(
        request,
        "rcp/invitees_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("rcp:meeting", kwargs={"pk": meeting.pk}) + (f"#{anchor}" if anchor else "")
