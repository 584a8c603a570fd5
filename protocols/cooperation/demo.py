"""Demo cooperation protocols: declarations in demo structures with twelve
months of counts, so that the financing (and an ESP's 0 €) can be seen.

- MSP des Rives de Rance (ACI signed on 15 September 2025): lombalgie and
  cystite, active, counts every month since their declaration in June 2025
  (the months before the ACI show why they are not financed; the cystite's
  last month is left to enter); cheville in preparation.
- ESP de Lamballe-Penthièvre (no ACI): angine, active, 12 months (0 € and why,
  told from the declaration on), with a team change waiting for its new
  declaration.
Each protocol has its own activity (`PROFILES`: its volume and season), so
that the year's grids differ.
Idempotent: running it again changes nothing."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gecolib.demo import register_demo
from structures.enums import MembershipRole
from structures.models import Membership, Structure

from .models import CooperationDeclaration, MonthlyActivity, NationalProtocol
from .models.declarations import DeclarationStatus, EventKind, ParticipantRole

MSP = "MSP des Rives de Rance"
ESP = "ESP de Lamballe-Penthièvre"

# structure, protocol code, status, declared on, DS number, délégants, délégués
DECLARATIONS = [
    (
        MSP,
        "lombalgie",
        DeclarationStatus.ACTIVE,
        datetime.date(2025, 6, 2),
        "18452301",
        ["medecin2@demo.gecolib.fr"],
        ["kine@demo.gecolib.fr"],
    ),
    (
        MSP,
        "cystite",
        DeclarationStatus.ACTIVE,
        datetime.date(2025, 6, 2),
        "18452377",
        ["medecin2@demo.gecolib.fr"],
        ["infirmiere@demo.gecolib.fr"],
    ),
    (MSP, "cheville", DeclarationStatus.PREPARATION, None, "", ["medecin2@demo.gecolib.fr"], []),
    (
        ESP,
        "angine",
        DeclarationStatus.ACTIVE,
        datetime.date(2025, 3, 10),
        "17300412",
        ["professionnel@demo.gecolib.fr"],
        ["pharmacienne@demo.gecolib.fr"],
    ),
]
# Members the MSP's protocols need (they also belong to the ESP).
EXTRA_MEMBERS = {MSP: ["kine@demo.gecolib.fr", "infirmiere@demo.gecolib.fr"]}


def last_months(count: int, today: datetime.date) -> list[datetime.date]:
    """The `count` months before the current one, oldest first."""
    months = []
    month = today.replace(day=1)
    for _index in range(count):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


# Each protocol's own activity, so that the year's grids differ: patients
# included in a quiet month, how many more at most, and the months of its
# season (angine in winter, cystite in summer).
PROFILES = {
    "lombalgie": (3, 5, ()),
    "cystite": (5, 6, (6, 7, 8)),
    "angine": (4, 5, (11, 12, 1, 2, 3)),
}
SEASON_EXTRA = 6
# The last month of the cystite is left to enter: its grid shows an open month.
LEFT_TO_ENTER = {"cystite"}


def counts(protocol: NationalProtocol, index: int, month: datetime.date) -> dict:
    """Plausible counts, varied by protocol and season (no randomness: the
    demo is reproducible). Re-evaluations and revoyures stay within the
    month's own inclusions."""
    base, spread, season = PROFILES.get(protocol.code, (4, 5, ()))
    inclusions = base + (index * 7) % spread + (SEASON_EXTRA if month.month in season else 0)
    reevaluations = (inclusions * 3) // 5 if protocol.has_reevaluation else 0
    return {
        "inclusions": inclusions,
        "reevaluations": reevaluations,
        "revoyures": (index * 5) % 3 if protocol.has_reevaluation else index % 2,
        "exclusions": (index + len(protocol.code)) % 3 // 2,
    }


@register_demo
def load(users) -> None:
    today = timezone.localdate()
    structures = {s.name: s for s in Structure.objects.filter(name__in=[MSP, ESP])}
    for name, emails in EXTRA_MEMBERS.items():
        if name in structures:
            for email in emails:
                if not structures[name].memberships.current().filter(user=users[email]).exists():
                    Membership.objects.create(
                        structure=structures[name],
                        user=users[email],
                        role=MembershipRole.MEMBER,
                        start_date=datetime.date(2024, 9, 1),
                    )
    for name, code, status, declared_on, ds_number, delegants, delegates in DECLARATIONS:
        structure = structures.get(name)
        if structure is None:
            continue
        protocol = NationalProtocol.objects.get(code=code)
        declaration, created = CooperationDeclaration.objects.get_or_create(
            structure=structure,
            protocol=protocol,
            defaults={
                "status": status,
                "declared_on": declared_on,
                "ds_number": ds_number,
                "created_by": users[delegants[0]],
            },
        )
        if not created:
            continue
        for email in delegants:
            declaration.participants.create(
                user=users[email], role=ParticipantRole.DELEGANT, added_on=declared_on or today
            )
        for email in delegates:
            declaration.participants.create(
                user=users[email],
                role=ParticipantRole.DELEGATE,
                training_date=datetime.date(2025, 4, 14),
                training_hours=10 if code != "angine" else 12,
                added_on=declared_on or today,
            )
        if declared_on:
            declaration.events.create(
                kind=EventKind.STATUS,
                status=DeclarationStatus.DECLARED,
                date=declared_on,
                by=users[delegants[0]],
                comment=f"Dossier n° {ds_number}",
            )
            declaration.events.create(
                kind=EventKind.STATUS,
                status=status,
                date=declared_on + datetime.timedelta(days=7),
                by=users[delegants[0]],
            )
            # Every month since the declaration, and at least the last twelve.
            months = last_months(24, today)
            if code in LEFT_TO_ENTER:
                months = months[:-1]
            for index, month in enumerate(months):
                if month >= declared_on.replace(day=1):
                    MonthlyActivity.objects.create(
                        declaration=declaration,
                        month=month,
                        entered_by=users[delegants[0]],
                        **counts(protocol, index, month),
                    )
        if code == "angine":
            # A nurse joined the team: the new declaration is still to be made.
            declaration.add_participant(
                users["infirmiere@demo.gecolib.fr"],
                ParticipantRole.DELEGATE,
                by=users["professionnel@demo.gecolib.fr"],
                training_date=datetime.date(2025, 9, 20),
                training_hours=10,
            )
