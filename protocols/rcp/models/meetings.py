"""RCP meetings of a structure: the recurring series they may come from, and
the meeting itself (a change of its date, time or place and its cancellation
raise the iCalendar SEQUENCE, `apply_changes`). Who reads them:
`structures_with_rcp_visible_to`. The invited members are in invitees.py."""

from __future__ import annotations

import datetime
import re

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.absolute_urls import absolute_url
from gecolib.calendar import PARIS, CalendarEvent
from gecolib.revisions import restore_revision, save_revision
from gecolib.team_data import TeamDataChecks, validate_date_in_range
from structures.enums import MembershipRole
from structures.followers import written_structures_q
from structures.models import Membership, Structure

from ..enums import ItemStatus, MeetingStatus, Mode, Purpose, Weekday, WeekOfMonth

ORGANISER_ROLES = (MembershipRole.COORDINATOR, MembershipRole.REFERENT)

# A title that already says what the meeting is (« RCP de rentrée », « La RCP
# du secteur », « R.C.P. plaies »): sentences name it as it is.
TITLE_SAYS_RCP = re.compile(r"^\s*(?:la\s+)?(r\.?\s?c\.?\s?p\b\.?)", re.IGNORECASE)

# What a change of a meeting touches, as its e-mail says it (« change de
# date », « change d'horaire », « change de lieu »).
CHANGE_DATE, CHANGE_TIME, CHANGE_PLACE = "date", "time", "place"
# The fields of each kind of change (the day of `starts_at` is the date, its
# time and the duration the « horaire »).
SCHEDULE_FIELDS = ("starts_at", "duration_minutes")
PLACE_FIELDS = ("mode", "place", "video_link")
CHANGE_FIELDS = (*SCHEDULE_FIELDS, *PLACE_FIELDS)


def check_team_data(instance: models.Model, *fields: str) -> None:
    """The model's own checks (TeamDataChecks: no patient identity, dates in
    range), on `fields` only: for services that write a few fields of a row
    whose other fields they did not touch."""
    names = {field.name for field in instance._meta.concrete_fields}
    instance.clean_fields(exclude=names - set(fields))


def organised_structure_ids(user):
    """Structures whose RCPs `user` organises: their current coordinators and
    référents (staff and facilitators read only)."""
    return (
        Membership.objects.current()
        .filter(user=user, role__in=ORGANISER_ROLES)
        .values("structure_id")
    )


def portal_address() -> str:
    """The portal's own sending address (DEFAULT_FROM_EMAIL without its name)."""
    return settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")


def organizer_emails(meetings) -> dict[int, str]:
    """The ORGANIZER of each meeting's invitation, in one query: a person,
    so that the « Accepter » of a calendar reaches someone — whoever
    created the meeting if they still organise the structure's RCPs, else
    its longest-serving coordinator (then référent); the portal's address
    only when the structure has no organiser left."""
    meetings = list(meetings)
    rows = (
        Membership.objects.current()
        .filter(
            structure_id__in={meeting.structure_id for meeting in meetings},
            role__in=ORGANISER_ROLES,
            user__is_active=True,
        )
        .order_by(
            Case(When(role=MembershipRole.COORDINATOR, then=0), default=1), "start_date", "pk"
        )
        .values_list("structure_id", "user_id", "user__email")
    )
    organisers: dict[int, list[tuple[int, str]]] = {}
    for structure_id, user_id, email in rows:
        organisers.setdefault(structure_id, []).append((user_id, email))
    emails = {}
    for meeting in meetings:
        candidates = organisers.get(meeting.structure_id, [])
        creator = next((email for pk, email in candidates if pk == meeting.created_by_id), None)
        emails[meeting.pk] = creator or (candidates[0][1] if candidates else portal_address())
    return emails


def structures_with_rcp_visible_to(user):
    """The structures whose RCPs `user` reads now: staff, its current members
    and its current binôme (the facilitators whose assignment is open — the
    writers of structures.followers). Narrower than the structure's private
    data (`Structure.objects.private_to`): a facilitator whose assignment
    ended keeps reading the health project they worked on, not the RCP cases
    and minutes written after they left."""
    if not user.is_authenticated:
        return Structure.objects.none()
    if user.is_staff:
        return Structure.objects.all()
    members = Membership.objects.current().filter(user=user).values("structure_id")
    return Structure.objects.filter(Q(pk__in=members) | written_structures_q(user))


class MeetingSeries(TeamDataChecks, models.Model):
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
            item_count=models.Count(
                "items", filter=Q(items__status=ItemStatus.ACCEPTED), distinct=True
            ),
            invitee_count=models.Count("invitees", distinct=True),
        )


class Meeting(TeamDataChecks, models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="rcp_meetings")
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("série"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("intitulé"), max_length=200)
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
        help_text=_(
            "Augmente à chaque changement de date, d'horaire ou de lieu, et à l'annulation "
            "(iCalendar SEQUENCE)."
        ),
    )
    agenda_sent_at = models.DateTimeField(_("ordre du jour envoyé le"), null=True, blank=True)
    agenda_sends = models.PositiveIntegerField(_("envois de l'ordre du jour"), default=0)
    minutes_text = models.TextField(_("compte rendu : points généraux"), blank=True)
    minutes_version = models.PositiveIntegerField(
        _("version du compte rendu en cours de rédaction"),
        default=0,
        editable=False,
        help_text=_(
            "Augmente à chaque enregistrement du compte rendu : un enregistrement parti "
            "d'une version plus ancienne est refusé (rien n'est écrasé)."
        ),
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

    def is_read_by(self, user) -> bool:
        """Whether `user` may read this meeting now: the pages' rule
        (`visible_to`), which every RCP e-mail follows too."""
        return user.is_active and type(self).objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def uid(self) -> str:
        return f"rcp-{self.pk}"

    @property
    def title_says_rcp(self) -> bool:
        return TITLE_SAYS_RCP.match(self.title) is not None

    @property
    def named(self) -> str:
        """The meeting as a sentence names it after « la » or « de la »: its
        title when it already says RCP (« la RCP de rentrée », never « la RCP
        « RCP de rentrée » »), else « RCP « Plaies chroniques » »."""
        match = TITLE_SAYS_RCP.match(self.title)
        if match:
            return self.title[match.start(1) :].strip()
        return gettext("RCP « %(title)s »") % {"title": self.title.strip()}

    def organizer_email(self) -> str:
        return organizer_emails([self])[self.pk]

    def calendar_event(
        self, *, attendees: tuple[str, ...] = (), organizer: str | None = None
    ) -> CalendarEvent:
        """The meeting as a calendar event; `organizer` (its `organizer_email`
        by default) is given by callers that build many events at once."""
        where = self.place
        if self.video_link:
            where = f"{where} – {self.video_link}" if where else self.video_link
        # « RCP de rentrée (ESP …) », never « RCP – RCP de rentrée ».
        summary = (
            gettext("%(title)s (%(structure)s)")
            if self.title_says_rcp
            else gettext("RCP – %(title)s (%(structure)s)")
        )
        return CalendarEvent(
            uid=self.uid,
            summary=summary % {"title": self.title, "structure": self.structure.name},
            start=self.starts_at,
            end=self.ends_at,
            description=f"{self.get_purpose_display()}\n{absolute_url(self)}",
            location=where,
            url=absolute_url(self),
            sequence=self.sequence,
            cancelled=self.is_cancelled,
            organizer=self.organizer_email() if organizer is None else organizer,
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

    @staticmethod
    def check_dates(starts_at: datetime.datetime, duration_minutes: int) -> None:
        """The start and the end in the portal's date range (gecolib.team_data):
        a meeting on 31 December 9999 at 23:30 ended past the last date
        Python can write, and its page, its .ics and the calendar feeds failed."""
        try:
            ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
        except OverflowError:
            ends_at = datetime.date.max
        try:
            validate_date_in_range(starts_at)
            validate_date_in_range(ends_at)
        except ValidationError as error:
            raise ValidationError({"starts_at": error.error_list}) from error

    def changes_from(self, values: dict) -> frozenset[str]:
        """What `values` (fields of SCHEDULE_FIELDS and PLACE_FIELDS) would
        change: CHANGE_DATE when the day moves, else CHANGE_TIME when the
        start or the length moves; CHANGE_PLACE when the mode, the place or
        the video link does."""
        kinds = set()
        starts_at = values.get("starts_at", self.starts_at)
        if timezone.localtime(starts_at).date() != self.date:
            kinds.add(CHANGE_DATE)
        elif (
            starts_at != self.starts_at
            or values.get("duration_minutes", self.duration_minutes) != self.duration_minutes
        ):
            kinds.add(CHANGE_TIME)
        if any(
            values.get(name, getattr(self, name)) != getattr(self, name) for name in PLACE_FIELDS
        ):
            kinds.add(CHANGE_PLACE)
        return frozenset(kinds)

    def apply_changes(self, **values) -> frozenset[str]:
        """Move the meeting (`starts_at`, `duration_minutes`) or change where it
        is held (`mode`, `place`, `video_link`), checked like a new meeting;
        returns what changed (`changes_from`). Any change raises the
        invitation's SEQUENCE, so calendars replace the event."""
        self.check_open()
        unknown = set(values) - set(CHANGE_FIELDS)
        if unknown:
            raise ValueError(f"Not a schedule or place field: {sorted(unknown)}")
        starts_at = values.get("starts_at", self.starts_at)
        duration_minutes = values.get("duration_minutes", self.duration_minutes)
        if (starts_at, duration_minutes) != (self.starts_at, self.duration_minutes):
            self.check_dates(starts_at, duration_minutes)
        kinds = self.changes_from(values)
        if not kinds:
            return kinds
        kept = {name: getattr(self, name) for name in values}
        for name, value in values.items():
            setattr(self, name, value)
        try:
            self.clean()
            check_team_data(self, *values)
        except ValidationError:
            for name, value in kept.items():
                setattr(self, name, value)
            raise
        self.sequence += 1
        self.save(update_fields=[*values, "sequence"])
        return kinds

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
        # An editor who opened the minutes before the restore saves no older text over it.
        self.minutes_version = meeting.minutes_version + 1
        self.save(update_fields=["minutes_text", "minutes_version"])
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
        invitee = self.invitees.model  # models/invitees.py
        invitee.objects.bulk_create(
            [
                invitee(meeting=self, user_id=user_id)
                for user_id in sorted(set(members.values_list("user_id", flat=True)) - invited)
            ],
            ignore_conflicts=True,
        )
