"""The starter grid, GECO Lib's own (loaded by migration 0002): the four axes
of the HAS maturity matrix for primary care (2014) as headings, and
dimensions written by the network from what the portal covers.

Only the four axes and two dimension names (« Réunion de concertation
pluriprofessionnelle », « Partage de données ») are taken from the HAS text;
the other dimensions, their characteristics and the levels are the
network's own words, marked for staff to align with the HAS's sixteen
dimensions (`Dimension.aligned` left unchecked, except the two whose name is
the HAS's)."""

from __future__ import annotations

from django.db import transaction

from .models.grid import content_items, levels_text, outline_text

TITLE = "Grille d'autoévaluation GECO Lib' (inspirée de la matrice de maturité HAS)"
INTRODUCTION = (
    "Cette grille est celle du réseau GECO Lib'. Elle reprend les quatre axes de la matrice "
    "de maturité en soins primaires publiée par la HAS en 2014 ; ses dimensions sont rédigées "
    "par le réseau à partir de ce que l'équipe fait sur le portail, et restent à aligner sur "
    "les seize dimensions de la HAS. Chaque membre répond seul, puis l'équipe retient un "
    "niveau par consensus et décide de ses actions d'amélioration."
)
LEVELS = [
    ("Pas encore engagé", "L'équipe n'a pas encore abordé ce point ensemble."),
    (
        "Premiers pas",
        "Des initiatives existent, portées par quelques membres, sans organisation commune.",
    ),
    ("Pratique installée", "L'équipe s'est organisée : la pratique est régulière et partagée."),
    (
        "Pratique évaluée et améliorée",
        "L'équipe mesure ce qu'elle fait, en parle et l'améliore.",
    ),
]
# (axis, [(name, description, characteristics, evidence keys, name checked on the HAS text)])
AXES = [
    (
        "Travail en équipe pluriprofessionnelle",
        [
            (
                "Réunion de concertation pluriprofessionnelle",
                "Les RCP de l'équipe : régularité, préparation, suites données.",
                [
                    "Les RCP ont lieu régulièrement, à un rythme connu de tous.",
                    "L'ordre du jour part assez tôt pour que chacun prépare les situations.",
                    "Un compte rendu est écrit et envoyé aux participants.",
                    "Les décisions ont un responsable et une échéance, et sont suivies.",
                ],
                ["rcp_held", "rcp_agenda_ahead", "rcp_minutes_sent", "rcp_decisions_on_time"],
                True,
            ),
            (
                "Protocoles pluriprofessionnels",
                "Les protocoles que l'équipe écrit, applique et revoit.",
                [
                    "Les protocoles répondent à des besoins repérés par l'équipe.",
                    "Chaque protocole a des indicateurs et une date de révision.",
                    "Les professionnels concernés connaissent les protocoles en application.",
                ],
                ["protocols_in_application", "protocol_reviews_on_time"],
                False,
            ),
            (
                "Coopération et délégation entre professionnels",
                "Les protocoles de coopération et le partage des tâches entre métiers.",
                [
                    (
                        "L'équipe connaît les protocoles nationaux de "
                        "coopération utiles à sa patientèle."
                    ),
                    "Les délégations mises en place sont déclarées et suivies.",
                ],
                ["cooperation_active"],
                False,
            ),
            (
                "Fonction de coordination",
                "Qui coordonne l'équipe, avec quel temps et quels outils.",
                [
                    "Une personne est identifiée pour coordonner, avec un temps dédié.",
                    "Les rôles de chacun dans l'équipe sont connus.",
                    "L'accueil des nouveaux membres est organisé.",
                ],
                [],
                False,
            ),
        ],
    ),
    (
        "Système d'information",
        [
            (
                "Partage de données",
                "Ce que les professionnels partagent des situations qu'ils suivent ensemble.",
                [
                    (
                        "Les informations utiles au suivi partagé sont "
                        "accessibles aux professionnels concernés."
                    ),
                    "Les règles de partage sont connues et respectent le consentement du patient.",
                ],
                [],
                True,
            ),
            (
                "Messagerie sécurisée et échanges entre professionnels",
                "Comment l'équipe échange sur les patients en dehors des réunions.",
                [
                    "Tous les membres utilisent une messagerie sécurisée de santé.",
                    (
                        "Les échanges avec les partenaires extérieurs "
                        "passent par des outils sécurisés."
                    ),
                ],
                [],
                False,
            ),
            (
                "Suivi de l'activité et des indicateurs",
                "Les données que l'équipe suit pour piloter son projet.",
                [
                    "L'équipe sait extraire de ses outils les données de son projet de santé.",
                    "Les indicateurs sont présentés et discutés en équipe.",
                ],
                [],
                False,
            ),
        ],
    ),
    (
        "Projet de santé et accès aux soins",
        [
            (
                "Projet de santé de l'équipe",
                "Le projet de santé : écrit ensemble, à jour, partagé avec l'ARS.",
                [
                    "Le projet de santé part d'un diagnostic du territoire.",
                    "Il est relu et mis à jour par l'équipe.",
                    "Sa version en vigueur a été déposée à l'ARS.",
                ],
                ["health_project"],
                False,
            ),
            (
                "Accès aux soins et soins non programmés",
                "Comment l'équipe répond aux demandes de soins, prévues ou non.",
                [
                    "Les plages de soins non programmés sont organisées entre les professionnels.",
                    "Les patients savent qui joindre aux heures d'ouverture et en dehors.",
                ],
                [],
                False,
            ),
            (
                "Prévention et santé publique",
                "Les actions de prévention, de dépistage et d'éducation menées par l'équipe.",
                [
                    "L'équipe a choisi des priorités de prévention pour sa patientèle.",
                    "Des actions collectives ou coordonnées sont menées et évaluées.",
                ],
                [],
                False,
            ),
            (
                "Relations avec les acteurs du territoire",
                "Les liens avec les autres acteurs : hôpital, médico-social, social, élus.",
                [
                    "L'équipe connaît ses partenaires du territoire et leurs contacts.",
                    "Des modalités de travail communes existent avec certains d'entre eux.",
                ],
                [],
                False,
            ),
        ],
    ),
    (
        "Implication des patients",
        [
            (
                "Information des patients",
                "Ce que les patients savent de l'équipe et de son organisation.",
                [
                    "Les patients sont informés du travail en équipe et du partage d'informations.",
                    (
                        "Les informations pratiques (horaires, contacts, "
                        "soins non programmés) sont à jour."
                    ),
                ],
                [],
                False,
            ),
            (
                "Recueil de l'expérience et de l'avis des patients",
                "Comment l'équipe écoute ce que les patients vivent et proposent.",
                [
                    (
                        "L'équipe recueille l'avis des patients "
                        "(questionnaire, boîte à idées, rencontres)."
                    ),
                    "Les avis recueillis sont discutés et conduisent à des changements.",
                ],
                [],
                False,
            ),
            (
                "Éducation thérapeutique et accompagnement",
                "L'accompagnement des patients dans la gestion de leur santé.",
                [
                    "Des actions d'éducation thérapeutique ou d'accompagnement sont proposées.",
                    "Les patients sont associés aux décisions qui les concernent.",
                ],
                [],
                False,
            ),
        ],
    ),
]


def load(apps, _schema_editor=None) -> None:
    """Create the starter grid and its first version (idempotent)."""
    Grid = apps.get_model("assessments", "Grid")
    if Grid.objects.filter(title=TITLE).exists():
        return
    Level = apps.get_model("assessments", "Level")
    Axis = apps.get_model("assessments", "Axis")
    Dimension = apps.get_model("assessments", "Dimension")
    GridRevision = apps.get_model("assessments", "GridRevision")
    with transaction.atomic():
        grid = Grid.objects.create(title=TITLE, introduction=INTRODUCTION, active=True)
        levels = [
            Level.objects.create(grid=grid, value=value, label=label, description=description)
            for value, (label, description) in enumerate(LEVELS, start=1)
        ]
        parts = []
        for position, (axis_name, dimensions) in enumerate(AXES, start=1):
            axis = Axis.objects.create(grid=grid, position=position, name=axis_name)
            rows = []
            for rank, (name, description, characteristics, keys, checked) in enumerate(
                dimensions, start=1
            ):
                rows.append(
                    Dimension.objects.create(
                        axis=axis,
                        position=rank,
                        name=name,
                        description=description,
                        characteristics="\n".join(characteristics),
                        evidence_keys=keys,
                        aligned=checked,
                        has_reference=name if checked else "",
                    )
                )
            parts.append((axis, rows))
        GridRevision.objects.create(
            grid=grid,
            number=1,
            comment="Grille de départ du réseau",
            content={
                "title": TITLE,
                "introduction": INTRODUCTION,
                "active": "oui",
                "levels": levels_text(levels),
                "outline": outline_text(parts),
                "items": content_items(levels, parts),
            },
        )
