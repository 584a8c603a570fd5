"""What the invited members and the outside guests share: answering a
meeting before it starts, and the signed links of their e-mails."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import Answer


class RespondsToMeeting:
    """A model with `meeting`, `answer` and `answered_at`: its answer,
    changed as often as wanted until the meeting starts."""

    def respond(self, answer: str) -> None:
        self.meeting.check_open()
        if answer not in (Answer.PRESENT, Answer.EXCUSED, Answer.MAYBE):
            raise ValidationError(
                _("Choisissez « je serai là », « je ne pourrai pas venir » ou « peut-être ».")
            )
        if self.meeting.has_started:
            raise ValidationError(_("Cette RCP a déjà eu lieu : la réponse est close."))
        self.answer, self.answered_at = answer, timezone.now()
        self.save(update_fields=["answer", "answered_at"])


def signed_pair(first: int, second: int, *, salt: str) -> str:
    """The token of a link naming two rows (the invitation and its member,
    the guest and their meeting)."""
    return signing.dumps([first, second], salt=salt)


def read_signed(token: str, *, salt: str, max_age: int) -> Any:
    """What a link's token carries, or None when it is forged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None


def as_pair(payload: Any) -> tuple[int, int] | None:
    """Two row ids, or None for anything else."""
    if isinstance(payload, list) and len(payload) == 2 and all(type(v) is int for v in payload):
        return payload[0], payload[1]
    return None
