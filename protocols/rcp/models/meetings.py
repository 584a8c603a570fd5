"""RCP meetings of a structure: the recurring series they may come from, the
meeting itself (its date changes and cancellation raise the iCalendar
SEQUENCE), and the invited members with their answer and attendance."""

from __future__ import annotations

import datetime

from dateutil import rrule
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import PARIS, CalendarEvent
from gecolib.revisions import restore_revision, save_revision
from gecolib.validators import validate_no_identity_markers
from structures.enums import MembershipRole
from structures.models import Membership, Structure

from ..enums import Answer, Attendance, MeetingStatus, Mode, Purpose, Weekday, WeekOfMonth

ORGANISER_ROLES = (MembershipRole.COORDINATOR, MembershipRole.REFERENT)
ANSWER_TOKEN_SALT = "rcp.answer"


def organised_structure_ids(user):
    """Structures whose RCPs `user` organises: their current coordinators and
    référents (staff and facilitators read only)."""
    return (
        Membership.objects.current()
        .filter(user=user, role__in=ORGANISER_ROLES)
        .values("structure_id")
    )


def structures_with_rcp_visible_to(user):
    """The structures whose RCPs `user` sees: members, the structure's
    facilitators and staff (the structure's private data)."""
    return Structure.objects.private_to(user)


class MeetingSeries(models.Model):
    """A recurrence such as « 2e mardi du mois à 12 h 30 » (RFC 5545 RRULE,
    computed with dateutil); each occurrence is a meeting of its own, which
    can be moved or cancelled without touching the others."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="rcp_series")
    week_of_month = models.SmallIntegerField(_("semaine du mois"), choices=WeekOfMonth.choices)
    weekday = models.SmallIntegerField(_("jour"), choices=Weekday.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("série de RCP")
        verbose_name_plural = _("séries de RCP")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return gettext("%(week)s %(day)s du mois") % {
            "week": self.get_week_of_month_display(),
            "day": self.get_weekday_display(),
        }

    @staticmethod
    def occurrences(
        week_of_month: int, weekday: int, start: datetime.date, count: int
    ) -> list[datetime.date]:
        """The next `count` dates from `start` (included) matching the rule."""
        rule = rrule.rrule(
            rrule.MONTHLY,
            dtstart=datetime.datetime.combine(start, datetime.time.min),
            byweekday=rrule.weekday(weekday)(week_of_month),
            count=count,
        )
        return [occurrence.date() for occurrence in rule]


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of the structures whose private data `user` reads."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(structure__in=structures_with_rcp_visible_to(user))

    def scheduled(self):
        return self.filter(status=MeetingStatus.SCHEDULED)

    def held(self):
        """Not cancelled and already started: the RCPs that took place."""
        return self.scheduled().filter(starts_at__lte=timezone.now())

    def upcoming(self):
        return self.scheduled().filter(starts_at__gt=timezone.now()).order_by("starts_at")

    def in_year(self, year: int):
        start = datetime.datetime(year, 1, 1, tzinfo=PARIS)
        return self.filter(starts_at__gte=start, starts_at__lt=start.replace(year=year + 1))

    def on_date(self, date: datetime.date):
        start = datetime.datetime.combine(date, datetime.time.min, tzinfo=PARIS)
        return self.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))

    def with_list_related_data(self):
        return self.select_related("structure", "series").annotate(
            item_count=models.Count("items", distinct=True),
            invitee_count=models.Count("invitees", distinct=True),
        )


class Meeting(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="rcp_meetings")
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("série"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(
        _("intitulé"), max_length=200, validators=[validate_no_identity_markers]
    )
    purpose = models.CharField(_("objet"), max_length=30, choices=Purpose.choices)
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=90)
    mode = models.CharField(_("modalité"), max_length=20, choices=Mode.choices)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    video_link = models.URLField(_("lien de visioconférence"), blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    invite_all = models.BooleanField(
        _("inviter tous les membres"),
        default=True,
        help_text=_("Sinon, choisissez les membres invités sur la page de la réunion."),
    )
    sequence = models.PositiveIntegerField(
        _("version de l'invitation"),
        default=0,
        help_text=_("Augmente à chaque changement de date ou annulation (iCalendar SEQUENCE)."),
    )
    agenda_sent_at = models.DateTimeField(_("ordre du jour envoyé le"), null=True, blank=True)
    agenda_sends = models.PositiveIntegerField(_("envois de l'ordre du jour"), default=0)
    minutes_text = models.TextField(
        _("compte rendu : points généraux"),
        blank=True,
        validators=[validate_no_identity_markers],
    )
    minutes_validated_at = models.DateTimeField(_("compte rendu validé le"), null=True, blank=True)
    minutes_validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte rendu validé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("RCP")
        verbose_name_plural = _("RCP")
        indexes = [models.Index(fields=["structure", "starts_at"], name="rcp_meeting_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15) & Q(duration_minutes__lte=480),
                name="rcp_meeting_duration_range",
                violation_error_message=_("La durée doit être comprise entre 15 et 480 minutes."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} – {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("rcp:meeting", kwargs={"pk": self.pk})

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def minutes_validated(self) -> bool:
        return self.minutes_validated_at is not None

    @property
    def uid(self) -> str:
        return f"rcp-{self.pk}"

    def calendar_event(self, *, attendees: tuple[str, ...] = ()) -> CalendarEvent:
        where = self.place
        if self.video_link:
            where = f"{where} – {self.video_link}" if where else self.video_link
        return CalendarEvent(
            uid=self.uid,
            summary=gettext("RCP – %(title)s (%(structure)s)")
            % {"title": self.title, "structure": self.structure.name},
            start=self.starts_at,
            end=self.ends_at,
            description=f"{self.get_purpose_display()}\n{absolute_url(self)}",
            location=where,
            url=absolute_url(self),
            sequence=self.sequence,
            cancelled=self.is_cancelled,
            organizer=settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">"),
            attendees=attendees,
        )

    # -- state changes ------------------------------------------------------------------

    def clean(self) -> None:
        if self.mode in (Mode.IN_PERSON, Mode.HYBRID) and not self.place.strip():
            raise ValidationError({"place": _("Indiquez le lieu de la réunion.")})
        if self.mode in (Mode.ONLINE, Mode.HYBRID) and not self.video_link:
            raise ValidationError(
                {"video_link": _("Indiquez le lien de visioconférence de la réunion.")}
            )

    def check_open(self) -> None:
        if self.is_cancelled:
            raise ValidationError(_("Cette RCP est annulée : elle ne change plus."))

    def reschedule(self, starts_at: datetime.datetime, duration_minutes: int) -> bool:
        """Change the date or the length; True when they changed (the invitation's
        SEQUENCE grows, so calendars replace the event)."""
        self.check_open()
        if starts_at == self.starts_at and duration_minutes == self.duration_minutes:
            return False
        self.starts_at, self.duration_minutes = starts_at, duration_minutes
        self.sequence += 1
        self.save(update_fields=["starts_at", "duration_minutes", "sequence"])
        return True

    def cancel(self) -> None:
        self.check_open()
        if self.has_started:
            raise ValidationError(_("Cette RCP a déjà eu lieu : elle ne peut plus être annulée."))
        self.status = MeetingStatus.CANCELLED
        self.sequence += 1
        self.save(update_fields=["status", "sequence"])

    # -- minutes ------------------------------------------------------------------------

    def save_revision(self, content: dict, *, by, comment: str = ""):
        """Record `content` (the minutes as they stand, `minutes.minutes_content`)
        as the minutes' next revision, frozen: what is sent to the invited members."""
        return save_revision(self.minutes_revisions, content, by=by, comment=comment, frozen=True)

    @transaction.atomic
    def restore(self, revision, *, by):
        """An older version of the validated minutes becomes the newest: a new
        revision with its content, and its general points and item summaries
        written back into the minutes (items removed since are left out).
        Sending it to the invited members is `minutes.restore_minutes`."""
        meeting = type(self).objects.select_for_update().get(pk=self.pk)
        meeting.check_open()
        if not meeting.minutes_validated:
            raise ValidationError(
                _("Ce compte rendu n'est pas encore validé : il n'a pas de version à restaurer.")
            )
        new = restore_revision(self.minutes_revisions, revision, by=by, frozen=True)
        self.minutes_text = new.content.get("general", "")
        self.save(update_fields=["minutes_text"])
        summaries = {item["pk"]: item["summary"] for item in new.content.get("items", [])}
        items = list(self.items.filter(pk__in=summaries))
        for item in items:
            item.summary = summaries[item.pk]
        self.items.bulk_update(items, ["summary"])
        return new

    def sync_invitees(self) -> None:
        """With « tous les membres », everyone currently a member is invited."""
        if not self.invite_all:
            return
        members = Membership.objects.current().filter(structure=self.structure)
        invited = set(self.invitees.values_list("user_id", flat=True))
        Invitee.objects.bulk_create(
            [
                Invitee(meeting=self, user_id=user_id)
                for user_id in sorted(set(members.values_list("user_id", flat=True)) - invited)
            ],
            ignore_conflicts=True,
        )


class InviteeQuerySet(models.QuerySet):
    def with_user(self):
        return self.select_related("user__profession").order_by(
            "user__last_name", "user__first_name"
        )


class Invitee(models.Model):
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
    def token(self) -> str:
        """The signed token of the e-mail's « je serai présent / excusé » link."""
        return signing.dumps(self.pk, salt=ANSWER_TOKEN_SALT)

    @classmethod
    def from_token(cls, token: str, max_age: int = 400 * 86400) -> Invitee | None:
        try:
            pk = signing.loads(token, salt=ANSWER_TOKEN_SALT, max_age=max_age)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.select_related("meeting__structure", "user").filter(pk=pk).first()

    def respond(self, answer: str) -> None:
        self.meeting.check_open()
        if answer not in (Answer.PRESENT, Answer.EXCUSED):
            raise ValidationError(_("Choisissez « présent » ou « excusé »."))
        if self.meeting.has_started:
            raise ValidationError(_("Cette RCP a déjà eu lieu : la réponse est close."))
        self.answer, self.answered_at = answer, timezone.now()
        self.save(update_fields=["answer", "answered_at"])


def invitees_prefetch() -> Prefetch:
    return Prefetch("invitees", queryset=Invitee.objects.with_user())
