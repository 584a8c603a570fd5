"""The agenda of an RCP: ordered items; a case carries a pseudonymous label
numbered per structure and year (CAS-2026-014) and a description without
anything that identifies the patient. The item's summary is its part of the
minutes.

A member may propose an item (a case or a topic) for an upcoming meeting: it
waits, « proposé », until an organiser puts it on the agenda (at its end; a
case gets its label then) or declines it. Its proposer, and the presenter of
an item, edit it themselves until the agenda is sent (`editable_by_author`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import TeamDataChecks
from structures.models import Structure

from ..enums import ItemKind, ItemStatus, MeetingStatus
from .meetings import Meeting, organised_structure_ids


class CaseCounter(models.Model):
    """The last case number given in a structure for a year. Its row is
    locked while a number is allocated, so two cases added at once never get
    the same label."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("numérotation des cas")
        verbose_name_plural = _("numérotations des cas")
        constraints = [
            models.UniqueConstraint(fields=["structure", "year"], name="rcp_case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.structure} {self.year}: {self.last}"


def allocate_case_label(structure: Structure, year: int) -> str:
    """The next label of the structure's cases for `year`: CAS-YYYY-NNN."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseCounter.objects.get_or_create(structure=structure, year=year)
        except IntegrityError:  # created meanwhile by a concurrent allocation
            pass
        counter = CaseCounter.objects.select_for_update().get(structure=structure, year=year)
        CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
    return f"CAS-{year}-{counter.last:03d}"


class AgendaItemQuerySet(models.QuerySet):
    def on_agenda(self):
        """The items of the agenda (and of the minutes): neither waiting nor declined."""
        return self.filter(status=ItemStatus.ACCEPTED)

    def proposed(self):
        return self.filter(status=ItemStatus.PROPOSED)

    def to_review_by(self, user):
        """The proposals waiting for `user` as an organiser: those of the
        structures they organise, for meetings still to come."""
        return (
            self.proposed()
            .filter(
                meeting__structure__in=organised_structure_ids(user),
                meeting__status=MeetingStatus.SCHEDULED,
                meeting__starts_at__gt=timezone.now(),
            )
            .select_related("meeting__structure", "proposed_by")
            .order_by("meeting__starts_at", "pk")
        )


class AgendaItem(TeamDataChecks, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    status = models.CharField(
        _("état"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACCEPTED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("type de point"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présenté par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_minutes = models.PositiveSmallIntegerField(_("durée prévue (minutes)"), default=15)
    case_label = models.CharField(_("référence du cas"), max_length=20, blank=True, editable=False)
    description = models.TextField(
        _("situation présentée"),
        blank=True,
        help_text=_(
            "Sans nom, date de naissance, numéro de sécurité sociale, téléphone ni adresse "
            "e-mail : le cas est désigné par sa référence."
        ),
    )
    summary = models.TextField(_("synthèse des échanges"), blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_(
            "Augmente à chaque modification du point : une modification partie d'une "
            "version plus ancienne est refusée (rien n'est écrasé)."
        ),
    )

    # The case label is numbered by the portal (CAS-2026-014), never typed.
    team_data_exempt = ("case_label",)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")

    def __str__(self) -> str:
        return f"{self.case_label} {self.title}".strip()

    def save(self, *args, **kwargs) -> None:
        # A proposal gets its label once on the agenda: a declined one uses no number.
        if self.is_case and not self.case_label and self.is_on_agenda:
            self.case_label = allocate_case_label(self.meeting.structure, self.meeting.date.year)
        super().save(*args, **kwargs)

    @property
    def is_case(self) -> bool:
        return self.kind == ItemKind.CASE

    @property
    def is_on_agenda(self) -> bool:
        return self.status == ItemStatus.ACCEPTED

    @property
    def is_proposed(self) -> bool:
        return self.status == ItemStatus.PROPOSED

    def is_authored_by(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.proposed_by_id, self.presenter_id)

    def editable_by_author(self) -> bool:
        """Whether its proposer or presenter may still change it: not declined,
        the meeting to come, and — once on the agenda — the agenda not sent."""
        meeting = self.meeting
        if self.status == ItemStatus.DECLINED or meeting.is_cancelled or meeting.has_started:
            return False
        return self.is_proposed or meeting.agenda_sent_at is None

    # -- proposals -------------------------------------------------------------------------

    def _check_proposal(self) -> None:
        self.meeting.check_open()
        if not self.is_proposed:
            raise ValidationError(_("Cette proposition a déjà été examinée."))
        if self.meeting.has_started:
            raise ValidationError(_("Cette RCP a déjà eu lieu : son ordre du jour ne change plus."))

    @transaction.atomic
    def accept(self) -> None:
        """The proposal joins the agenda, last; a case gets its label."""
        self._check_proposal()
        Meeting.objects.select_for_update().filter(pk=self.meeting_id).first()
        last = type(self).objects.on_agenda().filter(meeting_id=self.meeting_id)
        self.order = (last.aggregate(last=Max("order"))["last"] or 0) + 1
        self.status = ItemStatus.ACCEPTED
        self.version += 1
        self.save(update_fields=["status", "order", "case_label", "version"])

    def decline(self) -> None:
        self._check_proposal()
        self.status = ItemStatus.DECLINED
        self.version += 1
        self.save(update_fields=["status", "version"])

    @transaction.atomic
    def move(self, step: int) -> bool:
        """One place up (-1) or down (+1) on the agenda, swapping with the
        neighbouring item; False at either end. The agenda is numbered 1..n
        again on the way, so items with the same number get distinct ones."""
        Meeting.objects.select_for_update().filter(pk=self.meeting_id).first()
        items = list(type(self).objects.on_agenda().filter(meeting_id=self.meeting_id))
        position = next(i for i, item in enumerate(items) if item.pk == self.pk)
        target = position + step
        if not 0 <= target < len(items):
            return False
        items[position], items[target] = items[target], items[position]
        changed = []
        for number, item in enumerate(items, start=1):
            if item.order != number:
                # An edit started before the move saves no older order over it.
                item.order, item.version = number, item.version + 1
                changed.append(item)
        type(self).objects.bulk_update(changed, ["order", "version"])
        self.order, self.version = items[target].order, items[target].version
        return True
