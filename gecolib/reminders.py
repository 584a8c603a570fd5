"""Reminders: each app declares its kinds, one daily job sends them all.

An app declares its kinds of reminder in its own `reminders.py`, as subclasses
of `ReminderKind` registered with `@register_reminder`:

    @register_reminder
    class FollowUpOverdue(ReminderKind):
        code = "followup_overdue"                     # stable: stored in opt-outs
        label = _("Actions de suivi en retard")       # shown on the profile page
        optional = True                               # False: users cannot turn it off
        template = "facilitations/emails/followup_reminder"

        def due(self, today): ...                     # the items to remind today
        def recipients(self, item): ...               # users (or plain addresses)
        def target_date(self, item): ...              # the date reminded of
        def context(self, item): ...                  # the e-mail's template context

`run_reminders()` (the task `gecolib.tasks.send_reminders`, daily at 7:30)
imports every app's `reminders` module, asks each kind for its due items and
sends one e-mail per item through `notify()`, keyed by `key(item)`. The key
must contain the target date: a reminder is sent once per item and date, so
running the job twice sends nothing twice, and a moved date reminds again.
Recipients who turned an optional kind off on their profile are left out.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .models import ReminderOptOut, SentNotification, User
from .notifications import notify
from .registry import AppRegistry

logger = logging.getLogger(__name__)


class ReminderKind:
    """A kind of reminder. Subclasses set the class attributes and implement
    `due`, `recipients`, `target_date` and `context`."""

    code: str = ""
    label: str = ""
    optional: bool = True
    template: str = ""

    def due(self, today: datetime.date) -> Iterable[Any]:
        """The items to remind of today."""
        raise NotImplementedError

    def recipients(self, item: Any) -> Iterable[User | str]:
        """Who is reminded: users (opt-outs apply to them) or plain addresses."""
        raise NotImplementedError

    def target_date(self, item: Any) -> datetime.date:
        """The date the reminder is about (a session, a due date)."""
        raise NotImplementedError

    def context(self, item: Any) -> dict:
        raise NotImplementedError

    def deliver(self, item: Any, addresses: list[str], key: str) -> bool:
        """Send the reminder of `item`; True when something was sent. By
        default one e-mail under `key`; a kind whose reminder is an action of
        its own (sending a meeting's agenda with its invitations) overrides it
        and makes `due()` stop returning the item once it is done."""
        return notify(addresses, self.template, self.context(item), key=key)

    def key(self, item: Any) -> str:
        """Idempotency key: one e-mail per kind, item and target date."""
        return f"{self.code}:{item.pk}:{self.target_date(item).isoformat()}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


_kinds: AppRegistry[type[ReminderKind]] = AppRegistry("reminder kinds")
register_reminder = _kinds.register


def reminder_kinds() -> list[ReminderKind]:
    """Every app's reminder kinds, in the order of INSTALLED_APPS."""
    kinds = [kind_class() for kind_class in _kinds]
    codes = [kind.code for kind in kinds]
    duplicates = sorted({code for code in codes if not code or codes.count(code) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"Codes de rappel vides ou en double : {duplicates}")
    return kinds


def optional_reminder_kinds() -> list[ReminderKind]:
    """The kinds a user may turn off on their profile."""
    return [kind for kind in reminder_kinds() if kind.optional]


def opted_out_codes(user) -> set[str]:
    return set(user.reminder_opt_outs.values_list("kind", flat=True))


def set_opted_out_codes(user, codes: Iterable[str]) -> None:
    """Turn off exactly these optional kinds for the user (the others on)."""
    optional = {kind.code for kind in optional_reminder_kinds()}
    wanted = set(codes) & optional
    user.reminder_opt_outs.filter(kind__in=optional - wanted).delete()
    existing = opted_out_codes(user)
    ReminderOptOut.objects.bulk_create(
        [ReminderOptOut(user=user, kind=code) for code in sorted(wanted - existing)]
    )


def _addresses(kind: ReminderKind, item: Any, opted_out: set[int]) -> list[str]:
    addresses = []
    for recipient in kind.recipients(item):
        if isinstance(recipient, str):
            addresses.append(recipient)
        elif recipient.is_active and recipient.pk not in opted_out:
            addresses.append(recipient.email)
    return addresses


def send_kind(kind: ReminderKind, today: datetime.date) -> int:
    """Send one kind's due reminders; returns how many e-mails were queued."""
    items = list(kind.due(today))
    keyed = []
    for item in items:
        key, target = kind.key(item), kind.target_date(item)
        if target.isoformat() not in key:
            raise ImproperlyConfigured(
                f"La clé du rappel {kind.code} doit contenir sa date ({key!r}, {target})."
            )
        keyed.append((key, item))
    # Reminders already sent are skipped before rendering anything.
    done = set(
        SentNotification.objects.filter(key__in=[key for key, _ in keyed]).values_list(
            "key", flat=True
        )
    )
    opted_out = (
        set(ReminderOptOut.objects.filter(kind=kind.code).values_list("user_id", flat=True))
        if kind.optional
        else set()
    )
    sent = 0
    for key, item in keyed:
        if key in done:
            continue
        if kind.deliver(item, _addresses(kind, item, opted_out), key):
            sent += 1
    return sent


def run_reminders(
    today: datetime.date | None = None, kinds: Iterable[ReminderKind] | None = None
) -> dict[str, int]:
    """Send every kind's due reminders (idempotent). A failing kind does not
    stop the others; the run fails at the end so that the error is seen."""
    today = today or timezone.localdate()
    sent: dict[str, int] = {}
    failed = []
    for kind in reminder_kinds() if kinds is None else kinds:
        try:
            sent[kind.code] = send_kind(kind, today)
        except Exception:  # logged here, raised below once the other kinds ran
            logger.exception("Rappels %s non envoyés", kind.code)
            failed.append(kind.code)
    if failed:
        raise RuntimeError(f"Rappels en échec : {', '.join(failed)}")
    return sent


class DueDateReminder(ReminderKind):
    """One half of a « due soon / overdue » pair of reminders on items with a
    due date (follow-up actions, RCP decisions, protocol reviews). The soon
    half reminds of the items due between `soon_days[0]` and `soon_days[1]`
    days from today; the overdue half (`overdue = True`) of the items whose
    date has passed, once per item and date (`key`)."""

    date_field: str = "due_date"
    soon_days: tuple[int, int] = (0, 0)
    overdue: bool = False

    def items(self):
        """The open items, with what `recipients` and `context` read."""
        raise NotImplementedError

    def due(self, today: datetime.date):
        if self.overdue:
            return self.items().filter(**{f"{self.date_field}__lt": today})
        first, last = (today + datetime.timedelta(days=days) for days in self.soon_days)
        return self.items().filter(
            **{f"{self.date_field}__gte": first, f"{self.date_field}__lte": last}
        )

    def target_date(self, item: Any) -> datetime.date:
        return getattr(item, self.date_field)
