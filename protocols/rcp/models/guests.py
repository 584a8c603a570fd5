"""Outside guests of one meeting: professionals who are not members of the
structure (an SSIAD nurse, a cardiologist, a social worker), added by its
organisers. They receive the agenda e-mail with their own signed answer
links, scoped to them and to that meeting: the link opens that meeting's
agenda and their answer, nothing else of the portal, without an account.

Their e-mail address is kept for that meeting only: it is erased when the
meeting is cancelled (after its CANCEL is stored), when its minutes are
validated, and otherwise by the daily job's minutes-late reminder, 3 days
after the meeting (`reminders.MinutesLate`).

Their name is a professional's, not a patient's: like the names of the
invited members (read from their accounts), it is not run through the
patient-identity checks; their profession and organisation are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import SentNotification
from gecolib.team_data import TeamDataChecks

from ..enums import Answer
from .answers import RespondsToMeeting, as_pair, read_signed, signed_pair
from .meetings import Meeting

GUEST_TOKEN_SALT = "rcp.guest-answer"
# An outer bound only: the link stops working once the meeting is over
# (`Guest.link_expired`) or the guest is removed.
GUEST_TOKEN_MAX_AGE = 400 * 86400


class GuestQuerySet(models.QuerySet):
    def with_email(self):
        return self.exclude(email="")


class Guest(RespondsToMeeting, TeamDataChecks, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("nom"), max_length=150)
    profession = models.CharField(
        _("profession"),
        max_length=150,
        help_text=_("Par exemple : cardiologue, psychologue, diététicien ou diététicienne."),
    )
    organisation = models.CharField(
        _("structure ou service"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : SSIAD de Lamballe, centre hospitalier de Saint-Brieuc."),
    )
    email = models.EmailField(
        _("adresse e-mail"),
        blank=True,
        help_text=_(
            "Pour recevoir l'ordre du jour et répondre. Elle n'est gardée que pour cette "
            "réunion : elle est effacée une fois la réunion passée (au plus tard 3 jours "
            "après) ou annulée."
        ),
    )
    answer = models.CharField(
        _("réponse"), max_length=10, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    invited_at = models.DateTimeField(_("ordre du jour envoyé le"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # A professional's name, like an invited member's (see the module's docstring).
    team_data_exempt = ("name",)

    objects = GuestQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("personne invitée hors de l'équipe")
        verbose_name_plural = _("personnes invitées hors de l'équipe")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~Q(email=""),
                name="rcp_guest_unique_email",
                violation_error_message=_("Cette personne est déjà invitée à cette RCP."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"

    @property
    def token(self) -> str:
        """The signed token of the guest's links: this guest, this meeting."""
        return signed_pair(self.pk, self.meeting_id, salt=GUEST_TOKEN_SALT)

    @classmethod
    def from_token(cls, token: str, max_age: int = GUEST_TOKEN_MAX_AGE) -> Guest | None:
        pair = as_pair(read_signed(token, salt=GUEST_TOKEN_SALT, max_age=max_age))
        if pair is None:
            return None
        pk, meeting_id = pair
        return (
            cls.objects.select_related("meeting__structure")
            .filter(pk=pk, meeting_id=meeting_id)
            .first()
        )

    @property
    def link_expired(self) -> bool:
        """The link works until the meeting ends (its agenda readable; the
        answer closes when it starts)."""
        return self.meeting.ends_at <= timezone.now()


def erase_guest_emails(guests) -> int:
    """Blank the e-mail of `guests` (a queryset): their meeting is over or
    cancelled. The addresses leave the recipients kept with the e-mails
    already sent too. Returns how many were erased."""
    addresses = list(guests.with_email().values_list("email", flat=True))
    SentNotification.objects.forget_addresses(addresses)
    return guests.with_email().update(email="")
