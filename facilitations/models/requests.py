"""Facilitation requests from professionals and the messages about them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.models import EPCI, Profession, User
from gecolib.notifications import notify
from gecolib.validators import validate_no_patient_identifier
from structures.enums import MembershipRole
from structures.models import Membership, Structure

from ..enums import (
    OPEN_REQUEST_STATUSES,
    RequestStatus,
)
from .facilitation import Assignment, Facilitation
from .messages import RequestMessage, RequestReadMark
from .reference import Need


def unread_messages(user):
    """The messages about requests that `user` did not write and has not seen
    (posted after they last opened the request)."""
    seen = RequestReadMark.objects.filter(
        request_id=OuterRef("request_id"), user_id=user.pk, read_at__gte=OuterRef("created_at")
    )
    return RequestMessage.objects.exclude(author_id=user.pk).exclude(Exists(seen))


class FacilitationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requesters see their own requests; staff see all; facilitators see
        those of the facilitations they are or were assigned to."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        q = Q(requester=user)
        if user.is_facilitator:
            q |= Q(facilitation__in=Facilitation.objects.assigned_to(user))
        return self.filter(q)

    def open(self):
        """Awaiting a decision: déposée or en cours d'examen."""
        return self.filter(status__in=OPEN_REQUEST_STATUSES)

    def with_unread_count(self, user):
        """Annotate `unread_count`: the messages `user` did not write and has
        not seen (posted after they last opened the request). A subquery, so
        a list costs the same number of queries whatever its size."""
        unread = (
            unread_messages(user)
            .filter(request_id=OuterRef("pk"))
            .order_by()
            .values("request_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(unread_count=Coalesce(Subquery(unread), 0))

    def with_unread_messages(self, user):
        """Those with at least one message `user` has not seen. Read from the
        messages (a semi-join), not request by request: the cost follows the
        messages, not the number of requests ever filed."""
        return self.filter(pk__in=unread_messages(user).values("request_id"))

    def with_list_related_data(self):
        """What the lists of requests show (triage queue, "Mes demandes")."""
        return self.select_related(
            "requester", "structure", "epci__department", "reviewer"
        ).prefetch_related("needs")


class FacilitationRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.PROTECT,
        related_name="facilitation_requests",
    )
    structure = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("structure existante"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitation_requests",
    )
    project_name = models.CharField(
        _("nom du projet"), max_length=200, blank=True, validators=[validate_no_patient_identifier]
    )
    epci = models.ForeignKey(
        EPCI, verbose_name=_("territoire (EPCI)"), on_delete=models.PROTECT, related_name="+"
    )
    needs = models.ManyToManyField(Need, verbose_name=_("besoins"), related_name="requests")
    other_need = models.CharField(
        _("autre besoin"), max_length=200, blank=True, validators=[validate_no_patient_identifier]
    )
    description = models.TextField(_("description"), validators=[validate_no_patient_identifier])
    professions = models.ManyToManyField(
        Profession, verbose_name=_("professions déjà impliquées"), related_name="+", blank=True
    )
    availability = models.TextField(
        _("disponibilités"), blank=True, validators=[validate_no_patient_identifier]
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    redirected_to = models.CharField(
        _("orientée vers"), max_length=255, blank=True, validators=[validate_no_patient_identifier]
    )
    decline_reason = models.TextField(
        _("motif du refus"), blank=True, validators=[validate_no_patient_identifier]
    )
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examinée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Membre de l'équipe GECO Lib' qui a pris la demande en charge."),
    )

    objects = FacilitationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("demande d'accompagnement")
        verbose_name_plural = _("demandes d'accompagnement")
        indexes = [
            # The triage reads the open requests only: a small partial index.
            models.Index(
                fields=["created_at"],
                condition=Q(status__in=OPEN_REQUEST_STATUSES),
                name="request_open_by_date",
            ),
            models.Index(fields=["created_at"], name="request_created_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(structure__isnull=True, project_name=""),
                name="request_structure_or_project_name",
                violation_error_message=_(
                    "Indiquez la structure concernée ou le nom du nouveau projet."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.team_name

    @property
    def team_name(self) -> str:
        return self.structure.name if self.structure_id else self.project_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    @property
    def staff_contact(self):
        """The staff member who handles the request (took it or decided), if any."""
        return self.decided_by or self.reviewer

    def _require_open(self, action: str) -> None:
        if not self.is_open:
            raise ValidationError(
                _("Impossible de %(action)s : la demande est déjà « %(status)s ».")
                % {"action": action, "status": self.get_status_display()}
            )

    @staticmethod
    def _require_staff(by) -> None:
        if not getattr(by, "is_staff", False):
            raise ValidationError(_("Seule l'équipe GECO Lib' peut traiter une demande."))

    def _decide(self, status: str, by) -> None:
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        if self.reviewer_id is None:
            self.reviewer = by

    def _notify_requester(self) -> None:
        binome = []
        if self.status == RequestStatus.ACCEPTED:
            binome = list(
                Assignment.objects.filter(
                    facilitation__request=self, ended_at__isnull=True
                ).select_related("user")
            )
        notify(
            self.requester.email,
            "facilitations/emails/request_status",
            {"req": self, "requester": self.requester, "binome": binome},
            key=f"request-{self.pk}-status-{self.status}",
        )

    def start_review(self, *, by) -> None:
        """Déposée → en cours d'examen: a staff member takes the request."""
        self._require_staff(by)
        if self.status != RequestStatus.SUBMITTED:
            raise ValidationError(
                _("Seule une demande déposée peut être mise en examen (elle est « %(status)s »).")
                % {"status": self.get_status_display()}
            )
        self.status = RequestStatus.UNDER_REVIEW
        self.reviewer = by
        self.save(update_fields=["status", "reviewer", "updated_at"])
        self._notify_requester()

    def accept(
        self,
        *,
        by,
        facilitator,
        project_officer,
        structure=None,
        new_structure_kind: str | None = None,
        new_structure_name: str = "",
    ) -> Facilitation:
        """Accept the request: open a facilitation for an existing structure, or
        for a structure created from the request (kind, name, EPCI), and form
        its binôme. The requester of a new project becomes its first member."""
        self._require_staff(by)
        self._require_open(_("accepter la demande"))
        structure = structure or self.structure
        if structure is None and not new_structure_kind:
            raise ValidationError(
                _("Choisissez une structure existante ou le type de la structure à créer.")
            )
        with transaction.atomic():
            if structure is None:
                structure = Structure.objects.create(
                    kind=new_structure_kind, name=new_structure_name or self.project_name
                )
                structure.epcis.set([self.epci_id])
                Membership.objects.create(
                    user=self.requester, structure=structure, role=MembershipRole.COORDINATOR
                )
            self.structure = structure
            self._decide(RequestStatus.ACCEPTED, by)
            self.save()
            facilitation = Facilitation.objects.create(structure=structure, request=self)
            facilitation.assign(user=facilitator, by=by)
            facilitation.assign(user=project_officer, by=by)
        self._notify_requester()
        return facilitation

    def redirect(self, *, by, to: str) -> None:
        """Orient the team elsewhere (e.g. the ARS referent of the department)."""
        self._require_staff(by)
        self._require_open(_("orienter la demande"))
        if not (to or "").strip():
            raise ValidationError(_("Indiquez vers qui la demande est orientée."))
        self.redirected_to = to.strip()
        self._decide(RequestStatus.REDIRECTED, by)
        self.save()
        self._notify_requester()

    def decline(self, *, by, reason: str) -> None:
        self._require_staff(by)
        self._require_open(_("décliner la demande"))
        if not (reason or "").strip():
            raise ValidationError(_("Indiquez le motif du refus."))
        self.decline_reason = reason.strip()
        self._decide(RequestStatus.DECLINED, by)
        self.save()
        self._notify_requester()

    def mark_read(self, user) -> None:
        """`user` has just read the request and its messages."""
        if user.is_authenticated:
            RequestReadMark.objects.update_or_create(
                request=self, user=user, defaults={"read_at": timezone.now()}
            )

    def can_post_message(self, user) -> bool:
        return user.is_authenticated and (user.is_staff or user.pk == self.requester_id)

    def post_message(self, *, by, body: str) -> RequestMessage:
        """Add a message and e-mail it to the other side: the requester when
        staff writes; the staff member handling the request (else all staff)
        when the requester writes."""
        if not self.can_post_message(by):
            raise ValidationError(
                _("Seuls le demandeur et l'équipe GECO Lib' échangent sur une demande.")
            )
        if not (body or "").strip():
            raise ValidationError(_("Le message est vide."))
        message = RequestMessage.objects.create(request=self, author=by, body=body.strip())
        if by.pk == self.requester_id:
            contact = self.staff_contact
            recipients = (
                [contact.email]
                if contact is not None and contact.is_active
                else User.objects.staff_emails()
            )
        else:
            recipients = [self.requester.email]
        notify(
            recipients,
            "facilitations/emails/request_message",
            {"req": self, "message": message},
            key=f"request-message-{message.pk}",
        )
        return message
