"""Permission matrix: every role of the cast against every URL of the RCPs.

`structure` (in writing) has `member` and `coordinator`; its current binôme
(`facilitation`: facilitator and project officer) and staff read its RCPs;
the professional, the other structure's member and the outside facilitator
see nothing (404). Only coordinators and référents organise. (A facilitator
whose assignment ended and a member who left: test_former_readers.py.)"""

import datetime

import holidays
import pytest
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import CalendarFeedToken
from protocols.rcp.enums import ItemKind, ItemStatus, Mode, Purpose
from protocols.rcp.minutes import minutes_content
from protocols.rcp.models import Guest, MeetingSeries
from tests.matrix import expect, get, matrix_test, post, version_cases
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = {"professional": 404, "other_member": 404, "outside_facilitator": 404}
READERS = ("member", "coordinator", "facilitator", "project_officer", "staff")
READ = expect(404, **dict.fromkeys(READERS, 200))
ORGANISE_GET = expect(403, coordinator=200, **OUTSIDERS)
ORGANISE_POST = expect(403, coordinator=302, **OUTSIDERS)
WRONG_METHOD = expect(405)
# A current member of the structure, whatever the role (the proposer is `member`).
MEMBERS_GET = expect(403, member=200, coordinator=200, **OUTSIDERS)
MEMBERS_POST = expect(403, member=302, coordinator=302, **OUTSIDERS)
STAFF_GET = expect(403, staff=200)


def _meeting_data(ctx):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return {
        "title": "RCP plaies chroniques",
        "purpose": Purpose.A_PRIORI,
        "date": day.isoformat(),
        "time": "12:30",
        "duration_minutes": 90,
        "mode": Mode.IN_PERSON,
        "place": "Maison de santé",
        "invite_all": "on",
        TOKEN_FIELD: new_token(),
    }


CASES = [
    get("rcp:index", expect(200)),
    get("rcp:figures_all", STAFF_GET),
    get("rcp:figures_all_export", STAFF_GET, kwargs={"fmt": "csv"}),
    get("rcp:structure", READ, pk="structure"),
    get("rcp:meeting_create", ORGANISE_GET, pk="structure"),
    post("rcp:meeting_create", ORGANISE_POST, pk="structure", data=_meeting_data),
    get("rcp:decisions", READ, pk="structure"),
    get("rcp:figures", READ, pk="structure"),
    get("rcp:figures_export", READ, pk="structure", kwargs={"fmt": "xlsx"}),
    get("rcp:meeting", READ, pk="upcoming"),
    get("rcp:meeting", READ, pk="validated", label="rcp:meeting-validated"),
    get("rcp:meeting_edit", ORGANISE_GET, pk="upcoming"),
    post(
        "rcp:meeting_edit",
        ORGANISE_POST,
        pk="upcoming",
        data=lambda ctx: {k: v for k, v in _meeting_data(ctx).items() if k != TOKEN_FIELD},
    ),
    post("rcp:meeting_cancel", ORGANISE_POST, pk="upcoming"),
    # The pages that confirm cancelling, deleting an item and validating the
    # minutes (the dialogs without JavaScript).
    get("rcp:meeting_cancel", ORGANISE_GET, pk="upcoming"),
    get("rcp:meeting_ics", READ, pk="upcoming"),
    # A recurring meeting's series (its dates on a public holiday flagged), and
    # the move of such a meeting to the next working day (organisers).
    get("rcp:series", READ, pk="series"),
    post("rcp:meeting_move_off_holiday", ORGANISE_POST, pk="on_holiday"),
    get("rcp:meeting_move_off_holiday", WRONG_METHOD, pk="on_holiday"),
    get("rcp:meeting_invitees", ORGANISE_GET, pk="upcoming"),
    post("rcp:meeting_invitees", ORGANISE_POST, pk="upcoming", data={"invite_all": "on"}),
    get("rcp:item_create", ORGANISE_GET, pk="upcoming"),
    post(
        "rcp:item_create",
        ORGANISE_POST,
        pk="upcoming",
        data=lambda ctx: {
            "kind": ItemKind.CASE,
            "title": "Homme de 67 ans, insuffisance cardiaque",
            "planned_minutes": 15,
            "order": 1,
            TOKEN_FIELD: new_token(),
        },
    ),
    get("rcp:item_edit", ORGANISE_GET, pk="item"),
    # Members propose items for a meeting to come; its binôme and staff read only.
    get("rcp:item_propose", MEMBERS_GET, pk="upcoming"),
    post(
        "rcp:item_propose",
        MEMBERS_POST,
        pk="upcoming",
        data=lambda ctx: {
            "kind": ItemKind.CASE,
            "title": "Homme de 58 ans, lombalgie chronique",
            "planned_minutes": 20,
            TOKEN_FIELD: new_token(),
        },
    ),
    # The proposer edits their proposal; organisers accept, decline, reorder.
    get("rcp:item_edit", MEMBERS_GET, pk="proposal", label="rcp:item_edit-proposal"),
    post(
        "rcp:item_edit",
        MEMBERS_POST,
        pk="proposal",
        data=lambda ctx: {
            "kind": ItemKind.CASE,
            "title": "Homme de 58 ans, lombalgie chronique, reprise du travail",
            "planned_minutes": 25,
            "order": 2,  # the organisers' form only; the proposer's has no place to set
            "base_version": ctx["proposal"].version,
        },
        label="rcp:item_edit-proposal-post",
    ),
    post("rcp:item_accept", ORGANISE_POST, pk="proposal"),
    get("rcp:item_accept", WRONG_METHOD, pk="proposal"),
    post("rcp:item_decline", ORGANISE_POST, pk="proposal"),
    get("rcp:item_decline", WRONG_METHOD, pk="proposal"),
    post("rcp:item_move", ORGANISE_POST, pk="item", data={"direction": "down"}),
    get("rcp:item_move", WRONG_METHOD, pk="item"),
    post("rcp:item_delete", ORGANISE_POST, pk="item"),
    get("rcp:item_delete", ORGANISE_GET, pk="item"),
    post("rcp:agenda_send", ORGANISE_POST, pk="upcoming"),
    get("rcp:agenda_send", WRONG_METHOD, pk="upcoming"),
    # Invited members answer from the page; readers who are not invited may not.
    post(
        "rcp:respond",
        expect(403, member=302, coordinator=302, **OUTSIDERS),
        pk="upcoming",
        data={"answer": "present"},
    ),
    get("rcp:respond", WRONG_METHOD, pk="upcoming"),
    get("rcp:attendance", ORGANISE_GET, pk="past"),
    get("rcp:minutes_edit", ORGANISE_GET, pk="past"),
    post(
        "rcp:minutes_edit",
        ORGANISE_POST,
        pk="past",
        data={"minutes_text": "Tour de table.", "base_version": 0},
    ),
    post("rcp:minutes_validate", ORGANISE_POST, pk="past"),
    get("rcp:minutes_validate", ORGANISE_GET, pk="past"),
    # Validated minutes: the minutes' page is the amendment (texts and comment, sent at once).
    get("rcp:minutes_edit", ORGANISE_GET, pk="validated", label="rcp:minutes_edit-amend"),
    post(
        "rcp:minutes_amend",
        ORGANISE_POST,
        pk="validated",
        data={"minutes_text": "Tour de table.", "base_version": 0, "comment": "Correction"},
    ),
    get("rcp:minutes_amend", WRONG_METHOD, pk="validated"),
    get("rcp:minutes_pdf", READ, pk="validated"),
    # The versions of the minutes: readers read them, organisers restore one.
    *version_cases(
        "rcp:minutes",
        read=READ,
        restore=ORGANISE_POST,
        restore_get=WRONG_METHOD,
        pk="validated",
    ),
    # Comparing a version with itself is refused: back to the versions (readers only).
    get(
        "rcp:minutes_compare",
        expect(404, **dict.fromkeys(READERS, 302)),
        pk="validated",
        data={"a": "1", "b": "1"},
        label="rcp:minutes_compare-same",
    ),
    get("rcp:decision_create", ORGANISE_GET, pk="past"),
    post(
        "rcp:decision_create",
        ORGANISE_POST,
        pk="past",
        data=lambda ctx: {
            "text": "Proposer une évaluation ergothérapique",
            "owner": ctx["member"].pk,
            "due_date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
            TOKEN_FIELD: new_token(),
        },
    ),
    # Its owner (the member) or an organiser marks a decision done.
    post(
        "rcp:decision_close",
        expect(403, member=302, coordinator=302, **OUTSIDERS),
        pk="decision",
        data={"action": "done", "comment": "Fait"},
    ),
    get("rcp:decision_close", WRONG_METHOD, pk="decision"),
    # The e-mail's answer link (the member's): the signed token is the key, no
    # sign-in needed; another signed-in account gets a page saying it is not
    # theirs (finding 14).
    get(
        "rcp:answer",
        expect(403, anonymous=200, member=200),
        kwargs=lambda ctx: {"token": ctx["token"]},
    ),
    post(
        "rcp:answer",
        expect(403, anonymous=302, member=302),
        kwargs=lambda ctx: {"token": ctx["token"]},
        data={"answer": "excuse"},
    ),
    # Outside guests: organisers add and remove them while the meeting is to come.
    get("rcp:guest_add", ORGANISE_GET, pk="upcoming"),
    post(
        "rcp:guest_add",
        ORGANISE_POST,
        pk="upcoming",
        data=lambda ctx: {
            "invite-name": "Claire Le Bihan",
            "invite-profession": "Cardiologue",
            "invite-organisation": "Centre hospitalier de Saint-Brieuc",
            "invite-email": "claire.lebihan@exemple.fr",
            f"invite-{TOKEN_FIELD}": new_token(),
        },
    ),
    post("rcp:guest_remove", ORGANISE_POST, pk="guest"),
    get("rcp:guest_remove", WRONG_METHOD, pk="guest"),
    # A guest's signed link: that meeting's agenda and answer, whoever opens it
    # (no sign-in); forged, or once the meeting is over: 404.
    get(
        "rcp:guest_answer",
        expect(200, anonymous=200),
        kwargs=lambda ctx: {"token": ctx["guest"].token},
    ),
    post(
        "rcp:guest_answer",
        expect(302, anonymous=302),
        kwargs=lambda ctx: {"token": ctx["guest"].token},
        data={"answer": "present"},
    ),
    get(
        "rcp:guest_answer",
        expect(404, anonymous=404),
        kwargs={"token": "forged-token"},
        label="rcp:guest_answer-forged",
    ),
    get(
        "rcp:guest_answer",
        expect(404, anonymous=404),
        kwargs=lambda ctx: {"token": ctx["past_guest"].token},
        label="rcp:guest_answer-expired",
    ),
    # The personal calendar feed (gecolib) carries the member's RCPs: read by its
    # secret alone, whoever asks; a wrong secret is a 404.
    get(
        "calendar_feed",
        expect(200, anonymous=200),
        kwargs=lambda ctx: {"token": ctx["feed"].token},
        label="calendar_feed-rcp",
    ),
    get(
        "calendar_feed",
        expect(404, anonymous=404),
        kwargs={"token": "a-revoked-or-guessed-feed-token"},
        label="calendar_feed-rcp-wrong",
    ),
    get(
        "rcp:answer",
        expect(404, anonymous=404),
        kwargs={"token": "forged-token"},
        label="rcp:answer-forged",
    ),
    # The three links of the e-mail open the same page, their answer preselected.
    get(
        "rcp:answer",
        expect(403, anonymous=200, member=200),
        kwargs=lambda ctx: {"token": ctx["token"]},
        data={"reponse": "peut_etre"},
        label="rcp:answer-preselected",
    ),
]


def _next_weekday_holiday() -> datetime.datetime:
    """A French public holiday to come, on a weekday, at 12:30."""
    today = timezone.localdate()
    days = holidays.France(years=[today.year, today.year + 1], language="fr")
    day = min(d for d in days if d > today + datetime.timedelta(days=2) and d.weekday() < 5)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 30)))


def module_context(world):
    structure, member, coordinator = world["structure"], world["member"], world["coordinator"]
    upcoming = MeetingFactory(structure=structure)
    series = MeetingSeries.objects.create(structure=structure, week_of_month=1, weekday=0)
    on_holiday = MeetingFactory(
        structure=structure, series=series, starts_at=_next_weekday_holiday()
    )
    past = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=past, summary="Évaluation du domicile proposée.")
    validated = MeetingFactory(structure=structure, past=True)
    AgendaItemFactory(meeting=validated, summary="Synthèse.")
    validated.save_revision(minutes_content(validated), by=coordinator)
    validated.items.update(summary="Synthèse corrigée.")
    validated.save_revision(minutes_content(validated), by=coordinator, comment="Correction")
    validated.minutes_validated_at = timezone.now()
    validated.save()
    return {
        "structure": structure,
        "member": member,
        "upcoming": upcoming,
        "series": series,
        "on_holiday": on_holiday,
        "guest": Guest.objects.create(
            meeting=upcoming,
            name="Yann Kerhervé",
            profession="Infirmier",
            organisation="SSIAD de Lamballe",
            email="yann.kerherve@exemple.fr",
        ),
        "past_guest": Guest.objects.create(
            meeting=past, name="Nolwenn Riou", profession="Psychologue"
        ),
        "past": past,
        "validated": validated,
        "item": AgendaItemFactory(meeting=upcoming),
        "proposal": AgendaItemFactory(
            meeting=upcoming,
            status=ItemStatus.PROPOSED,
            proposed_by=member,
            presenter=member,
            title="Homme de 58 ans, lombalgie chronique",
        ),
        "decision": DecisionFactory(meeting=past, owner=member),
        "token": upcoming.invitees.get(user=member).token,
        "feed": CalendarFeedToken.renew(member),
    }


test_permission_matrix = matrix_test(CASES)
