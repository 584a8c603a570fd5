"""The demo's texts: what facilitators write in their log, what requesters
ask and what staff answer (fictional; no patient data)."""

from __future__ import annotations

from ..enums import Phase

SUMMARIES = {
    Phase.DEFINITION: [
        "Première rencontre de l'équipe : chacun a présenté son exercice et ses attentes. "
        "Trois priorités se dégagent : l'accès aux soins non programmés, le suivi des "
        "personnes âgées à domicile et la communication entre professionnels.",
        "Atelier sur le périmètre du projet : l'équipe retient le territoire des trois "
        "communes et s'accorde sur une association de professionnels de santé.",
        "Présentation des étapes de reconnaissance par l'ARS et du rôle de la CARPEC ; "
        "l'équipe désigne deux référents pour porter la rédaction.",
    ],
    Phase.MEASURE: [
        "Partage du diagnostic territorial : démographie médicale, part des plus de 75 ans, "
        "délais d'accès aux kinésithérapeutes. L'équipe complète avec son expérience.",
        "Recueil des besoins exprimés par les professionnels du territoire à partir du "
        "questionnaire diffusé le mois dernier (27 réponses).",
        "Séance de matrice de maturité : l'équipe se situe au niveau 2 sur la coordination "
        "et au niveau 1 sur le système d'information.",
    ],
    Phase.ANALYSIS: [
        "Priorisation des actions du projet de santé : deux protocoles pluriprofessionnels "
        "(plaies chroniques, sortie d'hospitalisation) et une action de prévention des chutes.",
        "Relecture collective du projet de santé, partie « organisation » : horaires, "
        "soins non programmés et fonction de coordination.",
        "Travail sur le modèle économique : rémunérations de l'ACI, temps de coordination "
        "et répartition des charges.",
    ],
    Phase.FOLLOW_UP: [
        "Point d'étape : le premier protocole est rédigé, la première RCP s'est tenue avec "
        "huit participants. Prochaine étape : l'évaluation à trois mois.",
        "Retour sur le dépôt du projet de santé à l'ARS ; préparation de la présentation "
        "en CARPEC.",
        "Bilan des réunions pluriprofessionnelles du trimestre et ajustement du calendrier.",
    ],
    Phase.IMPROVEMENT: [
        "Revue du protocole plaies chroniques à partir de l'expérience des six premiers mois : "
        "simplification de la fiche de liaison.",
        "Enquête de satisfaction des professionnels : points forts et axes de progrès "
        "partagés avec toute l'équipe.",
        "Préparation de l'avenant au projet de santé pour intégrer une action de prévention.",
    ],
}

PRIVATE_NOTES = [
    "Dynamique fragile : deux associés peinent à dégager du temps, à revoir avec eux.",
    "La coordinatrice pressentie hésite ; proposer un échange avec une coordinatrice d'une "
    "MSP voisine.",
    "Vigilance sur la place des pharmaciens, peu présents aux séances.",
    "Bonne énergie du groupe ; le leadership repose beaucoup sur le médecin référent.",
    "Tension sur la répartition des locaux, à ne pas aborder en plénière.",
    "Le calendrier CARPEC paraît ambitieux ; prévoir un plan B pour la séance suivante.",
    "",
    "",
]

NEXT_STEPS = [
    "Envoyer la trame du projet de santé et fixer la prochaine réunion.",
    "Compléter le diagnostic avec les données de l'Assurance Maladie.",
    "Rédiger la partie organisation et la faire relire par l'équipe.",
    "Préparer la présentation en CARPEC.",
    "Organiser la première RCP et diffuser l'ordre du jour.",
]

FOLLOW_UPS = [
    "Envoyer le modèle de statuts de l'association",
    "Transmettre le diagnostic territorial à toute l'équipe",
    "Réserver la salle pour la réunion plénière",
    "Contacter le référent ARS du département",
    "Relire la partie « soins non programmés » du projet",
    "Diffuser le questionnaire aux professionnels du territoire",
    "Préparer le dossier de demande de financement",
    "Rédiger l'ordre du jour de la première RCP",
    "Demander un devis pour le logiciel partagé",
    "Planifier la séance de matrice de maturité",
]

DESCRIPTIONS = [
    "Nous sommes une équipe de {n} professionnels (médecins, infirmiers, kinés) qui "
    "souhaitons mieux nous coordonner autour de nos patients communs.",
    "Notre équipe veut rédiger son projet de santé et se faire reconnaître par l'ARS ; "
    "nous avons besoin d'aide pour la méthode et le calendrier.",
    "Plusieurs professionnels du territoire voudraient créer une CPTS ; nous cherchons un "
    "accompagnement pour réunir les acteurs.",
    "Nous souhaitons mettre en place des RCP régulières et un premier protocole "
    "pluriprofessionnel.",
]

REDIRECTIONS = [
    "Référent ARS de la délégation départementale des Côtes-d'Armor",
    "Référent ARS de la délégation départementale du Finistère",
    "CPTS du territoire, déjà en cours de structuration",
    "Référent ARS de la délégation départementale du Morbihan",
]

DECLINE_REASONS = [
    "La demande concerne un projet immobilier sans équipe constituée ; revenez vers nous "
    "quand l'équipe sera réunie.",
    "Un accompagnement est déjà en cours par un autre réseau pour cette équipe.",
    "La demande porte sur une activité salariée hors du champ de l'exercice coordonné libéral.",
]
