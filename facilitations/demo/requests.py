"""The demo's requests that did not lead to a facilitation: awaiting triage,
under review (with a first exchange of messages), redirected, declined."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from gecolib.models import Commune
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.enums import StructureKind
from structures.models import Structure

from ..enums import RequestStatus
from ..models import FacilitationRequest, RequestMessage
from .structures import of_place
from .texts import DECLINE_REASONS, DESCRIPTIONS, REDIRECTIONS


def load_other_requests(*, seed: int, requesters, professional, staff, needs) -> None:
    """Requests awaiting triage, under review, redirected and declined."""
    communes = list(
        Commune.objects.filter(department__code__in=BRITTANY_DEPARTMENTS)
        .select_related("epci")
        .order_by("-population")[40:120]
    )
    plan = (
        [RequestStatus.SUBMITTED] * 6
        + [RequestStatus.UNDER_REVIEW] * 4
        + [RequestStatus.REDIRECTED] * 4
        + [RequestStatus.DECLINED] * 3
    )
    for index, status in enumerate(plan):
        # One generator per request: the same request whatever exists already.
        rng = random.Random(seed * 100 + index)
        commune = communes[(index * 7) % len(communes)]
        requester = requesters[(index + 5) % len(requesters)]
        if index == 0 and professional is not None:
            requester = professional
        kind_need = rng.choice(["creer-esp", "creer-msp", "creer-cpts", "rcp", "prevention"])
        place = of_place(commune.name)
        name = {
            "creer-esp": f"Projet d'ESP {place}",
            "creer-msp": f"Projet de MSP {place}",
            "creer-cpts": f"Projet de CPTS {place}",
        }.get(kind_need, f"Équipe pluriprofessionnelle {place}")
        age = rng.randint(1, 60) if status in (RequestStatus.SUBMITTED,) else rng.randint(10, 300)
        if FacilitationRequest.objects.filter(requester=requester, project_name=name).exists():
            continue
        created = timezone.now() - datetime.timedelta(days=age, hours=rng.randint(0, 8))
        decided = status in (RequestStatus.REDIRECTED, RequestStatus.DECLINED)
        request = FacilitationRequest.objects.create(
            requester=requester,
            project_name=name,
            epci=commune.epci,
            description=rng.choice(DESCRIPTIONS).format(n=rng.randint(3, 9)),
            availability="Le lundi soir ou le vendredi midi",
            status=status,
            created_at=created,
            reviewer=staff if status != RequestStatus.SUBMITTED else None,
            decided_by=staff if decided else None,
            decided_at=created + datetime.timedelta(days=6) if decided else None,
            redirected_to=rng.choice(REDIRECTIONS) if status == RequestStatus.REDIRECTED else "",
            decline_reason=rng.choice(DECLINE_REASONS) if status == RequestStatus.DECLINED else "",
        )
        request.needs.set([needs[kind_need]])
        if status != RequestStatus.SUBMITTED and staff is not None:
            RequestMessage.objects.create(
                request=request,
                author=staff,
                body="Bonjour, merci pour votre demande. Pouvez-vous nous dire combien de "
                "professionnels sont prêts à s'engager et dans quel délai ?",
                created_at=created + datetime.timedelta(days=2),
            )
            RequestMessage.objects.create(
                request=request,
                author=requester,
                body="Bonjour, nous sommes six à ce jour, et nous aimerions commencer avant l'été.",
                created_at=created + datetime.timedelta(days=3),
            )


def load_lookalike_request(*, requesters, needs) -> None:
    """A request for « Équipe de santé de X » while « ESP de X » already exists
    on the same territory, with a message staff have not read yet: the triage
    queue marks it, and the accept page offers the ESP first and flags it."""
    structure = (
        Structure.objects.filter(kind=StructureKind.ESP, name__startswith="ESP ")
        .filter(epcis__isnull=False)
        .order_by("name")
        .first()
    )
    if structure is None or not requesters:
        return
    name = "Équipe de santé" + structure.name[len("ESP") :]
    requester = requesters[0]
    if FacilitationRequest.objects.filter(project_name=name).exists():
        return
    request = FacilitationRequest.objects.create(
        requester=requester,
        project_name=name,
        epci=structure.epcis.order_by("name").first(),
        description=DESCRIPTIONS[0].format(n=4),
        availability="Le jeudi en fin de journée",
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    request.needs.set([needs["creer-esp"]])
    RequestMessage.objects.create(
        request=request,
        author=requester,
        body="Bonjour, nous avons fixé une première réunion d'équipe le mois prochain.",
        created_at=timezone.now() - datetime.timedelta(days=1),
    )
