"""Minutes validated are frozen and announced, by a link (no text, no PDF),
to the invited members only; an amendment is a new revision, announced again."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.rcp.minutes import amend_minutes, validate_minutes
from tests.factories import MembershipFactory
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory

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
        reverse("rcp:minutes_edit", args=[held.pk]),
        {
            "minutes_text": "Tour de table.",
            f"summary_{item.pk}": "Évaluation du domicile.",
            "base_version": 0,
        },
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
        client.post(reverse("rcp:minutes_validate", args=[held.pk]), {TOKEN_FIELD: new_token()})
    held.refresh_from_db()
    assert held.minutes_validated
    revision = held.minutes_revisions.get()
    assert revision.frozen and revision.number == 1
    assert revision.content["decisions"][0]["ppcs"] is True
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([coordinator.email, member.email])
    assert "nouvelle@exemple.fr" not in recipients
    # A link to the minutes, not their text nor their PDF (finding 13).
    message = mail.outbox[0]
    assert message.attachments == []
    assert f"{held.get_absolute_url()}#compte-rendu" in message.body
    assert "Évaluation du domicile" not in message.body
    assert "Demander une évaluation" not in message.body

    # Frozen: validating again is refused, the revision cannot change.
    with pytest.raises(ValidationError):
        validate_minutes(held, by=coordinator)
    revision.comment = "changé"
    with pytest.raises(ValidationError):
        revision.save()

    # Validated minutes are read-only: a plain save is refused, nothing changes.
    mail.outbox.clear()
    texts = {
        "minutes_text": "Tour de table complété.",
        f"summary_{item.pk}": "Évaluation faite.",
        "base_version": 1,
    }
    response = client.post(reverse("rcp:minutes_edit", args=[held.pk]), texts, follow=True)
    assert "il ne change plus que par un amendement" in response.content.decode()
    held.refresh_from_db()
    assert held.minutes_text == "Tour de table."
    # The minutes' page is then the amendment: texts and what it changes, sent at once.
    page = client.get(reverse("rcp:minutes_edit", args=[held.pk])).content.decode()
    assert reverse("rcp:minutes_amend", args=[held.pk]) in page
    assert "Ce que l&#x27;amendement change" in page and "Envoyer la version amendée" in page
    # Without saying what it changes: refused, nothing saved, the text typed kept.
    response = client.post(
        reverse("rcp:minutes_amend", args=[held.pk]), {**texts, TOKEN_FIELD: new_token()}
    )
    assert response.status_code == 400
    assert "Dites ce que l&#x27;amendement change." in response.content.decode()
    assert "Tour de table complété." in response.content.decode()
    held.refresh_from_db()
    assert held.minutes_text == "Tour de table." and held.minutes_revisions.count() == 1
    assert mail.outbox == []
    # An amendment: a new revision, sent again to the same people.
    token = new_token()
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(2):  # a double click announces it once
            response = client.post(
                reverse("rcp:minutes_amend", args=[held.pk]),
                {**texts, "comment": "Synthèse complétée", TOKEN_FIELD: token},
            )
            assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_text == "Tour de table complété."
    assert held.minutes_revisions.count() == 2
    assert held.minutes_revisions.first().content["general"] == "Tour de table complété."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    assert "version 2" in mail.outbox[0].subject
    # The amendment's comment stays on the portal (finding 2).
    assert "Synthèse complétée" not in mail.outbox[0].body
    # Nothing changed since: refused.
    with pytest.raises(ValidationError):
        amend_minutes(held, by=coordinator, comment="rien")
    # The two versions compare field by field (the former address moved there).
    old_compare = client.get(
        f"/protocoles/rcp/reunions/{held.pk}/compte-rendu/comparer/", {"a": 1, "b": 2}
    )
    assert old_compare.status_code == 301
    assert old_compare["Location"] == (reverse("rcp:minutes_compare", args=[held.pk]) + "?a=1&b=2")
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


@pytest.fixture
def amended(held, coordinator):
    """Minutes validated (version 1), then amended (version 2)."""
    item = AgendaItemFactory(meeting=held, summary="Évaluation du domicile.")
    held.minutes_text = "Tour de table."
    held.save()
    validate_minutes(held, by=coordinator)
    held.refresh_from_db()
    held.minutes_text = "Tour de table complété."
    held.save(update_fields=["minutes_text"])
    item.summary = "Évaluation faite."
    item.save()
    amend_minutes(held, by=coordinator, comment="Synthèse complétée")
    held.refresh_from_db()
    return held


def test_versions_of_the_minutes_are_listed_and_shown(client, amended, member):
    client.force_login(member)
    listing = client.get(reverse("rcp:minutes_versions", args=[amended.pk]))
    content = listing.content.decode()
    assert listing.status_code == 200
    assert "Versions du compte rendu" in content and "Synthèse complétée" in content
    # A reader does not restore.
    assert reverse("rcp:minutes_restore", args=[amended.pk, 1]) not in content
    version = client.get(reverse("rcp:minutes_version", args=[amended.pk, 1]))
    content = version.content.decode()
    assert "Version 1 du compte rendu" in content and "Tour de table." in content
    assert f"{reverse('rcp:minutes_pdf', args=[amended.pk])}?version=1" in content
    assert "Restaurer cette version" not in content
    assert client.post(reverse("rcp:minutes_restore", args=[amended.pk, 1])).status_code == 403


def test_restoring_a_version_sends_it_again_and_rewrites_the_minutes(
    client, amended, coordinator, member, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    version = client.get(reverse("rcp:minutes_version", args=[amended.pk, 1]))
    assert "Restaurer cette version et l&#x27;envoyer" in version.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rcp:minutes_restore", args=[amended.pk, 1]), {TOKEN_FIELD: new_token()}
        )
    assert response.status_code == 302
    new = amended.minutes_revisions.get(number=3)
    first = amended.minutes_revisions.get(number=1)
    assert new.content == first.content and new.restored_from == first and new.frozen
    amended.refresh_from_db()
    assert amended.minutes_text == "Tour de table."
    assert amended.items.get().summary == "Évaluation du domicile."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, member.email])
    assert "version 3" in mail.outbox[0].subject
    # The version in force is not restored again: refused, with a message.
    response = client.post(
        reverse("rcp:minutes_restore", args=[amended.pk, 3]),
        {TOKEN_FIELD: new_token()},
        follow=True,
    )
    assert "rien à restaurer" in response.content.decode()
    assert amended.minutes_revisions.count() == 3


def test_minutes_not_validated_have_nothing_to_restore(held, coordinator):
    with pytest.raises(ValidationError, match="pas encore validé"):
        held.restore(held.minutes_revisions.model(number=1), by=coordinator)
