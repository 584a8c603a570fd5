"""Notifications are stored, marked sent only once the mail server took them,
and swept when left unsent: an outage delays an e-mail, never loses or doubles it."""

import datetime
from types import SimpleNamespace
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from gecolib import notifications
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import NOTIFICATION_MAX_ATTEMPTS, SentNotification
from gecolib.notifications import Attachment, deliver, notify, send_notification
from gecolib.tasks import send_pending_notifications
from tests.facilitations.factories import FacilitationRequestFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "structures/email/invitation"


def invitation_context(structure, staff):
    return {
        "invitation": SimpleNamespace(email="invite@exemple.fr", get_role_display="Membre"),
        "structure": structure,
        "invited_by": staff,
    }


def age(notification: SentNotification, minutes: int = 15) -> None:
    """As if created `minutes` ago: the sweep only takes notifications left behind."""
    SentNotification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def smtp_down():
    return mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("SMTP injoignable"))


def broker_down():
    return mock.patch.object(
        send_notification, "delay", side_effect=OperationalError("Redis injoignable")
    )


@pytest.fixture
def notified(structure, staff, django_capture_on_commit_callbacks):
    """notified(key) → the notification stored (and queued) by one notify() call."""

    def make(key="test:1"):
        with django_capture_on_commit_callbacks(execute=True):
            assert notify(
                ["a@exemple.fr", "b@exemple.fr", "a@exemple.fr", ""],
                TEMPLATE,
                invitation_context(structure, staff),
                key=key,
            )
        return SentNotification.objects.get(key=key)

    return make


def test_notify_stores_the_message_and_marks_it_sent(notified):
    notification = notified()
    assert notification.recipients == ["a@exemple.fr", "b@exemple.fr"]
    assert notification.template == TEMPLATE
    assert "ESP des Abers" in notification.subject
    assert notification.body
    assert notification.sent_at is not None
    assert notification.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@exemple.fr", "b@exemple.fr"]
    assert mail.outbox[0].subject == "[GECO Lib'] " + notification.subject
    assert mail.outbox[0].body == notification.body


def test_marked_sent_only_after_the_mail_server_took_it(notified):
    seen = []
    real_send = EmailBackend.send_messages

    def send(backend, messages):
        seen.append(SentNotification.objects.get().sent_at)
        return real_send(backend, messages)

    with mock.patch.object(EmailBackend, "send_messages", send):
        notification = notified()
    assert seen == [None]
    assert notification.sent_at is not None


def test_same_key_is_sent_once(notified, structure, staff):
    notified("cle:unique")
    assert not notify(
        "c@exemple.fr", TEMPLATE, invitation_context(structure, staff), key="cle:unique"
    )
    assert SentNotification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_without_a_key_each_notification_gets_its_own(
    structure, staff, django_capture_on_commit_callbacks
):
    context = invitation_context(structure, staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify("c@exemple.fr", TEMPLATE, context)
        assert notify("c@exemple.fr", TEMPLATE, context)
    keys = list(SentNotification.objects.values_list("key", flat=True))
    assert len(set(keys)) == 2
    assert all(key.startswith(f"{TEMPLATE}:") for key in keys)
    assert len(mail.outbox) == 2


def test_nobody_to_write_to_stores_nothing(structure, staff):
    assert not notify(["", None], TEMPLATE, invitation_context(structure, staff), key="vide")
    assert not SentNotification.objects.exists()


def test_a_sent_notification_is_never_sent_again(notified):
    notification = notified()
    age(notification)
    assert deliver(notification.pk) is False
    assert send_pending_notifications.delay().get() == 0
    assert len(mail.outbox) == 1


def test_smtp_down_then_back_sends_exactly_once(notified):
    with smtp_down():
        notification = notified()  # the request that notified does not fail
        notification.refresh_from_db()
        assert notification.sent_at is None
        assert notification.attempts == 1
        assert "SMTP injoignable" in notification.last_error
        # Too recent for the sweep: its own task may still be retrying it.
        assert send_pending_notifications.delay().get() == 0
        age(notification)
        assert send_pending_notifications.delay().get() == 0
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert mail.outbox == []

    assert send_pending_notifications.delay().get() == 1
    assert send_pending_notifications.delay().get() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.last_error == ""
    assert len(mail.outbox) == 1


def test_the_send_task_retries_with_back_off_through_a_worker(notified):
    with broker_down():
        notification = notified()
    send_notification.push_request(is_eager=False, retries=2)
    try:
        with smtp_down(), mock.patch.object(send_notification, "retry", side_effect=Retry) as retry:
            with pytest.raises(Retry):
                send_notification.run(notification.pk)
    finally:
        send_notification.pop_request()
    assert retry.call_args.kwargs["countdown"] == 4 * 60
    assert isinstance(retry.call_args.kwargs["exc"], OSError)


def test_broker_down_at_notify_then_swept(notified):
    with broker_down():
        notification = notified()
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.attempts == 0
    assert mail.outbox == []
    age(notification)
    assert notifications.send_pending() == 1
    assert notifications.send_pending() == 0
    assert len(mail.outbox) == 1


def test_broker_down_does_not_fail_the_request(
    client, professional, django_capture_on_commit_callbacks
):
    request = FacilitationRequestFactory(requester=professional)
    client.force_login(professional)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facilitations:request_create"),
            {
                "project_name": "Projet de Plouguerneau",
                "epci": request.epci_id,
                "needs": [request.needs.first().pk],
                "description": "Nous voulons nous coordonner.",
                TOKEN_FIELD: new_token(),
            },
        )
    assert response.status_code == 302
    notification = SentNotification.objects.get(key__endswith="-received")
    assert notification.sent_at is None
    assert mail.outbox == []
    age(notification)
    assert send_pending_notifications.delay().get() == 1
    assert mail.outbox[0].to == [professional.email]


def test_the_sweep_gives_up_after_the_cap(notified):
    with broker_down():
        notification = notified()
    age(notification)
    SentNotification.objects.filter(pk=notification.pk).update(attempts=NOTIFICATION_MAX_ATTEMPTS)
    assert send_pending_notifications.delay().get() == 0
    assert mail.outbox == []


def test_staff_can_send_again_what_the_sweep_gave_up(client_for, staff, notified):
    with broker_down():
        given_up = notified("abandonnee")
    SentNotification.objects.filter(pk=given_up.pk).update(attempts=NOTIFICATION_MAX_ATTEMPTS)
    sent = notified("envoyee")
    staff.is_superuser = True
    staff.save()
    response = client_for(staff).post(
        reverse("admin:gecolib_sentnotification_changelist"),
        {"action": "send_again", "_selected_action": [given_up.pk, sent.pk]},
        follow=True,
    )
    assert "1 notification sera renvoyée" in response.content.decode()
    given_up.refresh_from_db()
    assert given_up.attempts == 0
    age(given_up)
    assert send_pending_notifications.delay().get() == 1
    assert len(mail.outbox) == 2


def test_attachments_are_stored_with_the_notification_and_sent_late(
    structure, staff, django_capture_on_commit_callbacks
):
    """An e-mail queued while the mail server is down keeps its attachment:
    the sweep sends exactly what was meant."""
    ics = Attachment(
        "invitation.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; method=REQUEST"
    )
    with smtp_down(), django_capture_on_commit_callbacks(execute=True):
        assert notify(
            "a@exemple.fr",
            TEMPLATE,
            invitation_context(structure, staff),
            key="test:attachment",
            attachments=[ics],
        )
    notification = SentNotification.objects.get(key="test:attachment")
    assert notification.sent_at is None and mail.outbox == []
    age(notification)
    assert notifications.send_pending() == 1
    (message,) = mail.outbox
    (name, content, mimetype) = message.attachments[0]
    assert (name, content) == ("invitation.ics", ics.content.decode())
    assert mimetype.startswith("text/calendar")
    assert 'method="REQUEST"' in message.message().as_string()
