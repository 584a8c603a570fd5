"""Demo self-assessments in the demo ESP: a campaign closed last spring with
its synthesis (four members' answers, the levels the team retained in an RCP
« amélioration des pratiques ») and its improvement plan (one action done,
one under way, one late), and this year's campaign open, two members having
answered part of it. Deterministic; idempotent: nothing is added once the
ESP has a campaign."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gecolib.demo import register_demo
from gecolib.models import User
from structures.models import Membership, Structure

from ..models import Action, ActionStatus, Answer, Campaign, Consensus, Dimension, Grid
from ..starter_grid import TITLE

DEMO_ESP = "ESP de Lamballe-Penthièvre"
COORDINATOR = "professionnel@demo.gecolib.fr"

# Each member's levels, dimension by dimension (the starter grid's order),
# and the level the team retained.
ANSWERS = {
    "professionnel@demo.gecolib.fr": [3, 2, 1, 3, 2, 2, 1, 3, 2, 2, 2, 1, 1, 1],
    "infirmiere@demo.gecolib.fr": [3, 2, 1, 2, 2, 3, 1, 2, 3, 2, 3, 2, 1, 2],
    "kine@demo.gecolib.fr": [4, 2, 2, 2, 1, 2, 1, 2, 2, 1, 2, 1, 1, 1],
    "pharmacienne@demo.gecolib.fr": [2, 1, 1, 3, 2, 3, 2, 3, 2, 3, 2, 1, 1, 2],
}
RETAINED = [3, 2, 1, 2, 2, 2, 1, 3, 2, 2, 2, 1, 1, 1]
NOTES = {
    0: "RCP mensuelles installées ; les comptes rendus partent, mais les décisions "
    "sont peu suivies entre deux réunions.",
    1: "Deux protocoles en conception, aucun encore en application.",
    7: "Projet de santé en cours de rédaction, dépôt à l'ARS prévu cette année.",
    11: "Pas encore de recueil de l'avis des patients.",
}
COMMENTS = {
    0: "Les RCP ont trouvé leur rythme, il faudrait mieux suivre les décisions.",
    4: "Chacun a sa messagerie sécurisée, mais on s'envoie encore des SMS.",
}
# (dimension index, title, owner, due in days from today, means, done)
ACTIONS = [
    (
        0,
        "Relire les décisions ouvertes en début de chaque RCP",
        COORDINATOR,
        -60,
        "Cinq minutes en début de réunion, la liste des décisions du portail.",
        True,
    ),
    (
        1,
        "Mettre en application le protocole « plaies chroniques »",
        "infirmiere@demo.gecolib.fr",
        45,
        "Appui de la facilitatrice GECO Lib' ; formation commune d'une demi-journée.",
        False,
    ),
    (
        11,
        "Proposer un questionnaire de satisfaction aux patients",
        "pharmacienne@demo.gecolib.fr",
        -10,
        "Modèle du guide GECO Lib' ; affichage en salle d'attente.",
        False,
    ),
]


@register_demo
def load(users: dict[str, User]) -> None:
    esp = Structure.objects.filter(name=DEMO_ESP).first()
    grid = Grid.objects.filter(title=TITLE).first()
    if esp is None or grid is None or COORDINATOR not in users:
        return
    if Campaign.objects.filter(structure=esp).exists():
        return
    members = {
        membership.user.email: membership.user
        for membership in Membership.objects.current().filter(structure=esp).select_related("user")
    }
    dimensions = list(
        Dimension.objects.filter(axis__grid=grid).order_by("axis__position", "position", "pk")
    )
    levels = {level.value: level for level in grid.levels.all()}
    coordinator = users[COORDINATOR]
    today = timezone.localdate()
    now = timezone.now()

    closed = Campaign.open_for(
        esp,
        grid=grid,
        title="Autoévaluation du printemps",
        closes_on=today,
        by=coordinator,
    )
    closed.opened_at = now - datetime.timedelta(days=200)
    closed.closes_on = today - datetime.timedelta(days=180)
    closed.meeting_on = today - datetime.timedelta(days=170)
    closed.meeting_label = "RCP amélioration des pratiques"
    closed.save()
    for email, values in ANSWERS.items():
        author = members.get(email)
        if author is None:
            continue
        Answer.objects.bulk_create(
            Answer(
                campaign=closed,
                dimension=dimension,
                author=author,
                level=levels.get(value),
                comment=COMMENTS.get(index, "") if email == "infirmiere@demo.gecolib.fr" else "",
            )
            for index, (dimension, value) in enumerate(zip(dimensions, values, strict=False))
        )
        closed.participants.filter(user=author).update(
            submitted_at=now - datetime.timedelta(days=185)
        )
    Consensus.objects.bulk_create(
        Consensus(
            campaign=closed,
            dimension=dimension,
            level=levels.get(value),
            note=NOTES.get(index, ""),
            recorded_by=coordinator,
            recorded_at=now - datetime.timedelta(days=170),
        )
        for index, (dimension, value) in enumerate(zip(dimensions, RETAINED, strict=False))
    )
    for index, title, owner, due_in, means, done in ACTIONS:
        owner_user = members.get(owner)
        if owner_user is None or index >= len(dimensions):
            continue
        Action.objects.create(
            campaign=closed,
            dimension=dimensions[index],
            title=title,
            owner=owner_user,
            due_date=today + datetime.timedelta(days=due_in),
            means=means,
            status=ActionStatus.DONE if done else ActionStatus.OPEN,
            done_at=now - datetime.timedelta(days=70) if done else None,
            done_by=owner_user if done else None,
            done_comment="Fait à chaque RCP depuis le printemps." if done else "",
            created_by=coordinator,
            created_at=now - datetime.timedelta(days=170),
        )

    current = Campaign.open_for(
        esp,
        grid=grid,
        title=f"Autoévaluation {today.year}",
        closes_on=today + datetime.timedelta(days=16),
        by=coordinator,
    )
    current.opened_at = now - datetime.timedelta(days=5)
    current.save(update_fields=["opened_at"])
    for email in ("infirmiere@demo.gecolib.fr", "kine@demo.gecolib.fr"):
        author = members.get(email)
        if author is None:
            continue
        Answer.objects.bulk_create(
            Answer(campaign=current, dimension=dimension, author=author, level=levels.get(value))
            for dimension, value in list(zip(dimensions, ANSWERS[email], strict=False))[:6]
        )
