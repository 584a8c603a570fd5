"""The invited members of a meeting: their answer before it, their
attendance after, and the signed link of the e-mails to answer without
signing in — the member's own, until the meeting starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks

from ..enums import Answer, Attendance
from .answers import RespondsToMeeting, as_pair, read_signed, signed_pair
from .meetings import Meeting

ANSWER_TOKEN_SALT = "rcp.answer"
# An outer bound only: the link stops working as soon as the meeting starts
# or the invited member no longer reads the meeting (`Invitee.link_problem`).
ANSWER_TOKEN_MAX_AGE = 400 * 86400


class InviteeQuerySet(models.QuerySet):
    def with_user(self):
        return self.select_related("user__profession").order_by(
            "user__last_name", "user__first_name"
        )


class Invitee(RespondsToMeeting, TeamDataChecks, models.Model):
    """An invited member: their answer before the meeting, their attendance after."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rcp_invitations"
    )
    answer = models.CharField(
        _("réponse"), max_length=10, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    attendance = models.CharField(
        _("présence"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
        blank=True,
    )

    objects = InviteeQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "user"]
        verbose_name = _("membre invité")
        verbose_name_plural = _("membres invités")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="rcp_invitee_unique",
                violation_error_message=_("Ce membre est déjà invité."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}"

    @property
    def has_record(self) -> bool:
        """An answer or an attendance is recorded: the meeting's history."""
        return bool(self.answer) or bool(self.attendance)

    @property
    def token(self) -> str:
        """The signed token of the e-mail's answer links (« je serai là »…):
        the invitation and its member's account."""
        return signed_pair(self.pk, self.user_id, salt=ANSWER_TOKEN_SALT)

    @classmethod
    def from_token(cls, token: str, max_age: int = ANSWER_TOKEN_MAX_AGE) -> Invitee | None:
        payload = read_signed(token, salt=ANSWER_TOKEN_SALT, max_age=max_age)
        # The links sent before they named the member's account carry the invitation only.
        if type(payload) is int:
            pk, user_id = payload, None
        elif pair := as_pair(payload):
            pk, user_id = pair
        else:
            return None
        invitee = cls.objects.select_related("meeting__structure", "user").filter(pk=pk).first()
        if invitee is None or (user_id is not None and invitee.user_id != user_id):
            return None
        return invitee

    def link_problem(self, user) -> str | None:
        """Why the answer link cannot be used by `user` (who opens it, signed in
        or not), or None: it is another account's link (`other_account`), the
        member no longer reads the meeting — they left the structure, their
        account is closed (`left`) — or the meeting is cancelled or has
        started (`cancelled`, `over`)."""
        if user.is_authenticated and user.pk != self.user_id:
            return "other_account"
        if not self.meeting.is_read_by(self.user):
            return "left"
        if self.meeting.is_cancelled:
            return "cancelled"
        if self.meeting.has_started:
            return "over"
        return None


def invitees_prefetch() -> Prefetch:
    return Prefetch("invitees", queryset=Invitee.objects.with_user())
