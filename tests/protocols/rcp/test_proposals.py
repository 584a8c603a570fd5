"""Members propose agenda items (a case or a topic) for a meeting to come;
the organisers accept (the item joins the agenda, last; a case is numbered
then), reorder or decline them; the proposer, and an item's presenter, edit
their own until the agenda is sent. Proposed text is checked like any item."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.team_data import CONFIRM_NAMES_FIELD
from protocols.rcp import dashboard, invitations
from protocols.rcp.enums import ItemKind, ItemStatus
from protocols.rcp.minutes import minutes_content
from protocols.rcp.models import AgendaItem
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CASE = {
    "kind": ItemKind.CASE,
    "title": "Homme de 58 ans, lombalgie chronique",
    "description": "Arrêt de travail depuis huit mois ; reprise envisagée.",
    "planned_minutes": 20,
}
NIR_SPACED = "1 84 12 76 451 089 46"


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def _propose(client, meeting, **data):
    url = reverse("rcp:item_propose", args=[meeting.pk])
    return client.post(url, {**CASE, TOKEN_FIELD: new_token(), **data})


def _act(client, name, item, **data):
    return client.post(reverse(name, args=[item.pk]), {TOKEN_FIELD: new_token(), **data})


@pytest.fixture
def meeting(structure, coordinator, member):
    return MeetingFactory(structure=structure)


def test_a_member_proposes_a_case_the_coordinator_accepts_it(
    client_for, meeting, coordinator, member
):
    AgendaItemFactory(meeting=meeting, order=1)
    client = client_for(member)
    page = _html(client.get(reverse("rcp:item_propose", args=[meeting.pk])))
    assert "Proposer un point pour la RCP du" in page
    assert 'name="presenter"' not in page and 'name="order"' not in page
    assert _propose(client, meeting).status_code == 302
    item = AgendaItem.objects.get(title=CASE["title"])
    assert item.status == ItemStatus.PROPOSED and item.case_label == ""
    assert item.proposed_by == member and item.presenter == member
    # Not on the agenda yet: the member sees it under « Mes propositions ».
    html = _html(client.get(meeting.get_absolute_url()))
    assert "Mes propositions" in html and "Proposé" in html
    assert meeting.items.on_agenda().count() == 1
    assert not any(i["pk"] == item.pk for i in minutes_content(meeting)["items"])
    assert invitations.agenda_context(meeting, "")["item_count"] == 1

    # The coordinator examines it on the meeting's page.
    client = client_for(coordinator)
    html = _html(client.get(meeting.get_absolute_url()))
    assert "Points proposés à examiner" in html
    assert reverse("rcp:item_accept", args=[item.pk]) in html
    assert reverse("rcp:item_decline", args=[item.pk]) in html
    token = new_token()
    for _click in range(2):  # a double click accepts once
        response = client.post(reverse("rcp:item_accept", args=[item.pk]), {TOKEN_FIELD: token})
        assert response.status_code == 302
    item.refresh_from_db()
    year = meeting.date.year
    assert item.status == ItemStatus.ACCEPTED and item.order == 2
    assert item.case_label == f"CAS-{year}-002"
    assert meeting.items.on_agenda().count() == 2
    # Examined already: a second decision is refused in French.
    response = _act(client, "rcp:item_decline", item)
    assert "Cette proposition a déjà été examinée" in _html(client.get(response["Location"]))
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED


def test_a_declined_proposal_uses_no_case_number(client_for, meeting, coordinator, member):
    _propose(client_for(member), meeting)
    item = AgendaItem.objects.get()
    _act(client_for(coordinator), "rcp:item_decline", item)
    item.refresh_from_db()
    assert item.status == ItemStatus.DECLINED and item.case_label == ""
    # Its proposer sees it declined, and may no longer edit it.
    client = client_for(member)
    html = _html(client.get(meeting.get_absolute_url()))
    assert "Refusé" in html and reverse("rcp:item_edit", args=[item.pk]) not in html
    assert client.get(reverse("rcp:item_edit", args=[item.pk])).status_code == 403
    accepted = AgendaItemFactory(meeting=meeting)
    assert accepted.case_label == f"CAS-{meeting.date.year}-001"


def test_proposed_text_is_checked_like_any_item(client_for, meeting, member):
    client = client_for(member)
    response = _propose(client, meeting, description=f"Patient {NIR_SPACED}")
    assert response.status_code == 200
    assert "un numéro de sécurité sociale" in _html(response)
    assert not AgendaItem.objects.exists()
    data = {"title": "Situation suivie par Mme Le Goff"}
    response = _propose(client, meeting, **data)
    assert "Je confirme qu'aucun patient n'est nommé" in _html(response)
    assert not AgendaItem.objects.exists()
    assert _propose(client, meeting, **data, **{CONFIRM_NAMES_FIELD: "on"}).status_code == 302
    assert AgendaItem.objects.get().title == data["title"]


def test_readers_who_are_not_members_propose_nothing(client_for, meeting, facilitator, staff):
    # (facilitator: of the structure's binôme, when the matrix sets it up; here
    # an outside one: 404.) Staff reads the RCPs, proposes nothing.
    assert _propose(client_for(staff), meeting).status_code == 403
    assert _propose(client_for(facilitator), meeting).status_code == 404
    assert not AgendaItem.objects.exists()


def test_the_proposer_edits_until_the_agenda_is_sent(
    client_for, meeting, coordinator, member, django_capture_on_commit_callbacks
):
    _propose(client_for(member), meeting)
    item = AgendaItem.objects.get()
    client = client_for(member)
    url = reverse("rcp:item_edit", args=[item.pk])

    def edit(title):
        return client.post(url, {**CASE, "title": title, "base_version": item.version})

    assert edit("Homme de 58 ans, lombalgie, reprise du travail").status_code == 302
    item.refresh_from_db()
    assert item.title == "Homme de 58 ans, lombalgie, reprise du travail"
    # Another member may not.
    other = MembershipFactory(structure=meeting.structure).user
    assert client_for(other).get(url).status_code == 403
    # Accepted, still theirs until the agenda leaves.
    client_for(coordinator)
    _act(client_for(coordinator), "rcp:item_accept", item)
    item.refresh_from_db()
    client = client_for(member)
    assert client.get(url).status_code == 200
    assert edit("Homme de 58 ans, lombalgie chronique et reprise").status_code == 302
    item.refresh_from_db()
    assert item.order == 1 and item.status == ItemStatus.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_agenda(meeting)
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert client.get(url).status_code == 403
    assert edit("Changé après l'envoi").status_code == 403
    item.refresh_from_db()
    assert item.title == "Homme de 58 ans, lombalgie chronique et reprise"
    # The coordinator still may.
    assert client_for(coordinator).get(url).status_code == 200


def test_the_presenter_edits_their_own_item_until_the_agenda_is_sent(client_for, meeting, member):
    item = AgendaItemFactory(meeting=meeting, presenter=member)
    assert client_for(member).get(reverse("rcp:item_edit", args=[item.pk])).status_code == 200
    item.meeting.agenda_sent_at = timezone.now()
    item.meeting.save()
    assert not AgendaItem.objects.get(pk=item.pk).editable_by_author()
    assert client_for(member).get(reverse("rcp:item_edit", args=[item.pk])).status_code == 403


def test_the_coordinator_reorders_the_agenda(client_for, meeting, coordinator):
    first, second, third = (AgendaItemFactory(meeting=meeting, order=n) for n in (1, 2, 3))
    client = client_for(coordinator)
    html = _html(client.get(meeting.get_absolute_url()))
    assert "Monter" in html and "Descendre" in html
    token = new_token()
    for _click in range(2):  # a double click moves once
        client.post(
            reverse("rcp:item_move", args=[third.pk]), {"direction": "up", TOKEN_FIELD: token}
        )
    assert [i.pk for i in meeting.items.on_agenda()] == [first.pk, third.pk, second.pk]
    _act(client, "rcp:item_move", first, direction="up")  # already first: nothing
    _act(client, "rcp:item_move", first, direction="down")
    assert [i.pk for i in meeting.items.on_agenda()] == [third.pk, first.pk, second.pk]
    response = _act(client, "rcp:item_move", first, direction="sideways")
    assert "Ce point ne peut pas être déplacé" in _html(client.get(response["Location"]))
    # An editor who opened the item before the move saves no older order over it.
    first.refresh_from_db()
    assert first.version == 1  # moved once (down)


def test_model_rules_of_proposals(structure, member):
    meeting = MeetingFactory(structure=structure)
    proposal = AgendaItemFactory(
        meeting=meeting, status=ItemStatus.PROPOSED, proposed_by=member, presenter=member
    )
    assert proposal.case_label == ""
    assert proposal.is_authored_by(member) and proposal.editable_by_author()
    # Even once the agenda is sent, a proposal waiting stays its proposer's.
    meeting.agenda_sent_at = timezone.now()
    assert proposal.editable_by_author()
    past = MeetingFactory(structure=structure, past=True)
    late = AgendaItemFactory(meeting=past, status=ItemStatus.PROPOSED, proposed_by=member)
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        late.accept()
    assert not late.editable_by_author()
    proposal.decline()
    with pytest.raises(ValidationError, match="déjà été examinée"):
        proposal.accept()


def test_the_coordinator_dashboard_lists_the_proposals_to_examine(
    client_for, meeting, coordinator, member
):
    _propose(client_for(member), meeting)
    item = AgendaItem.objects.get()
    html = _html(client_for(coordinator).get(reverse("home")))
    assert html.count(f"Examiner le point proposé « {item.title} »") == 1
    assert "Examiner le point proposé" not in _html(client_for(member).get(reverse("home")))
    (todo,) = dashboard.todos(coordinator)
    assert todo.url == meeting.get_absolute_url() + "#propositions"
    assert item.title in todo.label
    assert todo.due == meeting.date - datetime.timedelta(days=7)
    assert dashboard.todos(member) == []
    # Examined, or its meeting past: no longer to do.
    item.accept()
    assert dashboard.todos(coordinator) == []
