"""Minutes validated are frozen and sent, with their PDF, to the invited
members only; an amendment is a new revision, sent again."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from rcp.minutes import amend_minutes, validate_minutes
from tests.factories import MembershipFactory
from tests.rcp.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(structure, coordinator, member):
    meeting = MeetingFactory(structure=structure, past=True)
    # Joined after the meeting: not invited, never receives its minutes.
    MembershipFactory(structure=structure, user__email="nouvelle@exemple.fr")
    return meeting


def test_minutes_written_validated_sent_and_amended(
    client, held, coordinator, member, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(meeting=held)
    client.force_login(coordinator)
    response = client.post(
        reverse("rcp:minutes", args=[held.pk]),
        {"minutes_text": "Tour de table.", f"summary_{item.pk}": "Évaluation du domicile."},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("rcp:decision_create", args=[held.pk]),
        {
            "item": item.pk,
            "text": "Demander une évaluation ergothérapique",
            "owner": member.pk,
            "due_date": "2099-06-30",
            "ppcs": "on",
            TOKEN_FIELD: new_token(),
        },
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rcp:minutes_validate", args=[held.pk]))
    held.refresh_from_db()
    assert held.minutes_validated
    revision = held.minutes_revisions.get()
    assert revision.frozen and revision.number == 1
    assert revision.content["decisions"][0]["ppcs"] is True
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([coordinator.email, member.email])
    assert "nouvelle@exemple.fr" not in recipients
    (name, content, mimetype) = mail.outbox[0].attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert name.endswith("version 1.pdf")

    # Frozen: validating again is refused, the revision cannot change.
    with pytest.raises(ValidationError):
        validate_minutes(held, by=coordinator)
    revision.comment = "changé"
    with pytest.raises(ValidationError):
        revision.save()

    # An amendment: a new revision, sent again to the same people.
    mail.outbox.clear()
    client.post(
        reverse("rcp:minutes", args=[held.pk]),
        {"minutes_text": "Tour de table complété.", f"summary_{item.pk}": "Évaluation faite."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rcp:minutes_amend", args=[held.pk]), {"comment": "Synthèse complétée"})
    assert held.minutes_revisions.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    assert "version 2" in mail.outbox[0].subject
    # Nothing changed since: refused.
    with pytest.raises(ValidationError):
        amend_minutes(held, by=coordinator, comment="rien")
    # The two versions compare field by field.
    compare = client.get(reverse("rcp:minutes_compare", args=[held.pk]), {"a": 1, "b": 2})
    content = compare.content.decode()
    assert "2 rubriques modifiées" in content and "Points généraux" in content
    assert "complété" in content
    # Both versions stay downloadable.
    client.force_login(member)
    for number in (1, 2):
        pdf = client.get(reverse("rcp:minutes_pdf", args=[held.pk]) + f"?version={number}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_empty_minutes_are_not_validated(held, coordinator):
    with pytest.raises(ValidationError, match="vide"):
        validate_minutes(held, by=coordinator)


def test_minutes_of_an_upcoming_meeting_cannot_be_validated(structure, coordinator):
    meeting = MeetingFactory(structure=structure)
    AgendaItemFactory(meeting=meeting, summary="x")
    with pytest.raises(ValidationError, match="une fois la RCP tenue"):
        validate_minutes(meeting, by=coordinator)
