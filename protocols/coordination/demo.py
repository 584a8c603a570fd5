"""Demo coordination protocols: one at each status in the two demo teams (falls
prevention, anticoagulant follow-up, chronic wounds, diabetic foot,
undernutrition, hospital discharge, palliative care at home), two shared with
the network, and the chronic wounds protocol waiting for its validation by
the team (one agreement, one réserve, one answer awaited). Fictional content,
no patient data; idempotent (a protocol already there is left as it is, a
request for validation is made once)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gecolib.demo import register_demo
from gecolib.models import Profession
from structures.models import Structure

from .enums import Answer, ProblemSource, ProtocolStatus, ProtocolTheme
from .models import Protocol, ProtocolStep, ValidationRound

ESP = "ESP de Lamballe-Penthièvre"
MSP = "MSP des Rives de Rance"

FALLS_STEPS = [
    (
        "Infirmier ou kinésithérapeute",
        "Repérer le risque de chute : chute dans l'année, peur de tomber, "
        "test « timed up and go ».",
        "À la première visite à domicile, puis chaque année",
        "Grille de repérage HAS, dossier partagé",
    ),
    (
        "Médecin traitant",
        "Revoir les médicaments à risque (psychotropes, antihypertenseurs) "
        "et les causes médicales.",
        "Dans le mois qui suit le repérage",
        "Consultation, liste des médicaments à risque",
    ),
    (
        "Kinésithérapeute",
        "Proposer un programme d'équilibre et de renforcement musculaire.",
        "Dès la prescription, 12 séances",
        "Programme écrit remis au patient",
    ),
    (
        "Pharmacien",
        "Faire le bilan partagé de médication et signaler les associations à risque.",
        "Au renouvellement suivant",
        "Messagerie sécurisée vers le médecin",
    ),
    (
        "Infirmier",
        "Vérifier l'aménagement du domicile avec le patient et ses aidants.",
        "Lors d'une visite à domicile",
        "Fiche « un logement sans chute »",
    ),
]
AVK_STEPS = [
    (
        "Médecin traitant",
        "Prescrire l'anticoagulant, fixer la cible d'INR et la fréquence des contrôles.",
        "À l'initiation ou à la sortie d'hospitalisation",
        "Carnet de suivi AVK, ordonnance",
    ),
    (
        "Pharmacien",
        "Expliquer le traitement, les interactions et les signes d'alerte ; remettre le carnet.",
        "À la première délivrance",
        "Entretien pharmaceutique AVK",
    ),
    (
        "Infirmier",
        "Prélever l'INR et transmettre le résultat le jour même.",
        "Selon la fréquence prescrite",
        "Messagerie sécurisée, dossier partagé",
    ),
    (
        "Médecin traitant",
        "Adapter la dose et la noter dans le carnet.",
        "Le jour du résultat",
        "Protocole d'adaptation des doses",
    ),
]
WOUND_STEPS = [
    (
        "Infirmier",
        "Évaluer la plaie (taille, aspect, douleur) et la photographier "
        "sans identifier le patient.",
        "À chaque pansement, mesure hebdomadaire",
        "Fiche d'évaluation des plaies",
    ),
    (
        "Médecin traitant",
        "Rechercher la cause (artérielle, veineuse, diabète) et prescrire les examens.",
        "Dans les 15 jours",
        "Index de pression systolique",
    ),
    (
        "Diététicienne",
        "Repérer une dénutrition qui freine la cicatrisation.",
        "Au premier mois",
        "MNA, pesée",
    ),
]
DIABETIC_FOOT_STEPS = [
    (
        "Médecin traitant",
        "Grader le risque podologique (0 à 3) une fois par an.",
        "Consultation annuelle du diabète",
        "Monofilament, gradation HAS",
    ),
    (
        "Pédicure-podologue",
        "Réaliser les séances de prévention prises en charge (grades 2 et 3).",
        "4 à 6 séances par an",
        "Bilan podologique transmis au médecin",
    ),
    (
        "Infirmier",
        "Inspecter les pieds et apprendre l'auto-examen au patient et à ses aidants.",
        "À chaque passage",
        "Miroir, fiche d'éducation",
    ),
    (
        "Tous",
        "Adresser sans délai toute plaie du pied au médecin.",
        "Le jour même",
        "Téléphone, messagerie sécurisée",
    ),
]
UNDERNUTRITION_STEPS = [
    (
        "Infirmier ou aide à domicile",
        "Peser chaque mois et signaler une perte de 5 % en un mois.",
        "Chaque mois",
        "Courbe de poids dans le dossier partagé",
    ),
    (
        "Médecin traitant",
        "Confirmer la dénutrition (critères HAS 2021) et en chercher la cause.",
        "Dans les 15 jours",
        "Critères HAS, albuminémie",
    ),
    (
        "Diététicienne",
        "Proposer l'enrichissement de l'alimentation et suivre les apports.",
        "Sous un mois",
        "Carnet alimentaire",
    ),
]
DISCHARGE_STEPS = [
    (
        "Coordinatrice",
        "Recevoir l'avis de sortie et prévenir le médecin traitant et l'infirmier.",
        "La veille de la sortie",
        "Messagerie sécurisée",
    ),
    (
        "Infirmier",
        "Passer au domicile et faire le point sur les traitements.",
        "Dans les 48 heures",
        "Lettre de liaison",
    ),
]
PALLIATIVE_STEPS = [
    (
        "Médecin traitant",
        "Organiser la prise en charge avec l'équipe mobile de soins palliatifs.",
        "Dès que le patient souhaite rester chez lui",
        "Fiche Urgence Pallia",
    ),
    (
        "Infirmier",
        "Évaluer la douleur et les symptômes, adapter les soins de confort.",
        "À chaque passage",
        "Échelles de douleur, dossier partagé",
    ),
    (
        "Pharmacien",
        "Anticiper la délivrance des traitements de fin de vie.",
        "Dès la prescription anticipée",
        "Stock tampon convenu",
    ),
    (
        "Tous",
        "Soutenir les aidants et leur indiquer qui appeler, de jour comme de nuit.",
        "Dès le début",
        "Fiche des contacts remise à la famille",
    ),
]

# structure, title, theme, status, days since validation, steps, shared (None: not shared)
PROTOCOLS = [
    (
        ESP,
        "Prévention des chutes des personnes âgées à domicile",
        ProtocolTheme.FALLS,
        ProtocolStatus.IN_USE,
        200,
        FALLS_STEPS,
        True,
    ),
    (
        ESP,
        "Suivi des patients sous anticoagulants oraux (AVK)",
        ProtocolTheme.ANTICOAGULANTS,
        ProtocolStatus.VALIDATED,
        20,
        AVK_STEPS,
        None,
    ),
    (
        ESP,
        "Prise en charge des plaies chroniques",
        ProtocolTheme.WOUNDS,
        ProtocolStatus.DESIGN,
        None,
        WOUND_STEPS,
        None,
    ),
    (
        MSP,
        "Prévention des plaies du pied diabétique",
        ProtocolTheme.DIABETES,
        ProtocolStatus.IN_USE,
        345,
        DIABETIC_FOOT_STEPS,
        None,
    ),
    (
        MSP,
        "Repérage de la dénutrition de la personne âgée",
        ProtocolTheme.ELDERLY,
        ProtocolStatus.TO_REVIEW,
        400,
        UNDERNUTRITION_STEPS,
        None,
    ),
    (
        MSP,
        "Sortie d'hospitalisation des personnes âgées fragiles",
        ProtocolTheme.ELDERLY,
        ProtocolStatus.ARCHIVED,
        700,
        DISCHARGE_STEPS,
        None,
    ),
    (
        MSP,
        "Soins palliatifs à domicile",
        ProtocolTheme.PALLIATIVE,
        ProtocolStatus.IN_USE,
        150,
        PALLIATIVE_STEPS,
        False,
    ),
]

TEXTS = {
    "problem_detail": "Le sujet est revenu dans plusieurs RCP de l'équipe et dans le diagnostic du "
    "projet de santé.",
    "objectives": "- harmoniser les pratiques de l'équipe ;\n- repérer plus tôt les patients "
    "concernés ;\n- éviter les hospitalisations évitables.",
    "information_sharing": "Les informations utiles passent par la **messagerie sécurisée de "
    "santé** et le dossier partagé du logiciel de l'équipe, avec l'accord du patient.",
    "patient_involvement": "Le patient et ses aidants reçoivent une fiche d'information ; leur "
    "avis est recueilli à la révision du protocole.",
    "references": "- HAS, *Protocoles pluriprofessionnels de soins de premier recours*, fiche "
    "méthode, 2015.\n- Recommandations de bonne pratique en vigueur sur le thème.",
}

# Each protocol's own patients: (inclusion criteria, exclusion criteria).
CRITERIA = {
    "Prévention des chutes des personnes âgées à domicile": (
        "- 75 ans et plus vivant à domicile ;\n- au moins une chute dans l'année, ou une peur "
        "de tomber qui limite les sorties.",
        "- personnes en établissement (EHPAD) ;\n- refus du patient.",
    ),
    "Suivi des patients sous anticoagulants oraux (AVK)": (
        "- patients sous AVK (warfarine, fluindione) au long cours ;\n- INR suivi en ville.",
        "- patients sous anticoagulant oral direct (pas d'INR) ;\n- suivi par une clinique "
        "des anticoagulants.",
    ),
    "Prise en charge des plaies chroniques": (
        "- plaie ouverte depuis plus de six semaines (ulcère de jambe, escarre) ;\n"
        "- soins infirmiers à domicile.",
        "- plaie du pied diabétique (protocole dédié) ;\n- suivi par une équipe hospitalière "
        "de plaies et cicatrisation.",
    ),
    "Prévention des plaies du pied diabétique": (
        "- diabétiques de type 1 ou 2 avec un pied à risque (grade 1 à 3) ;\n- suivi par le "
        "médecin traitant de l'équipe.",
        "- plaie du pied en cours (prise en charge spécialisée) ;\n- refus du patient.",
    ),
    "Repérage de la dénutrition de la personne âgée": (
        "- 70 ans et plus vivant à domicile ;\n- perte de poids ou d'appétit signalée par un "
        "professionnel ou un aidant.",
        "- fin de vie (protocole de soins palliatifs) ;\n- refus du patient.",
    ),
    "Sortie d'hospitalisation des personnes âgées fragiles": (
        "- 75 ans et plus sortant d'une hospitalisation de plus de 48 heures ;\n- retour à "
        "domicile.",
        "- sortie vers un établissement (SSR, EHPAD) ;\n- refus du patient.",
    ),
    "Soins palliatifs à domicile": (
        "- patients en situation palliative qui souhaitent rester à domicile ;\n- accord du "
        "patient ou de sa personne de confiance.",
        "- prise en charge par une hospitalisation à domicile (HAD) qui coordonne les soins.",
    ),
}

PROFESSION_CODES = ["10", "60", "70", "21"]

# The protocol whose validation by the team is in progress, who asks, and
# each member's answer (None: awaited).
ASKED_PROTOCOL = (ESP, "Prise en charge des plaies chroniques")
ASKED_BY = "professionnel@demo.gecolib.fr"
ASKED_MESSAGE = (
    "Voici la version discutée à la dernière réunion. Merci de donner votre avis avant la "
    "fin du mois."
)
ANSWERS = [
    ("infirmiere@demo.gecolib.fr", Answer.AGREE, ""),
    (
        "kine@demo.gecolib.fr",
        Answer.RESERVE,
        "Il manque l'étape du kinésithérapeute pour les ulcères de jambe (bandes de "
        "compression, mobilisation de la cheville).",
    ),
    ("pharmacienne@demo.gecolib.fr", None, ""),
]


def _validated_on(days: int | None) -> datetime.date | None:
    return None if days is None else timezone.localdate() - datetime.timedelta(days=days)


@register_demo
@transaction.atomic
def load(users) -> None:
    structures = {s.name: s for s in Structure.objects.filter(name__in=[ESP, MSP])}
    professions = list(Profession.objects.filter(code__in=PROFESSION_CODES))
    for name, title, theme, status, days, steps, shared in PROTOCOLS:
        structure = structures.get(name)
        if structure is None or structure.protocols.filter(title=title).exists():
            continue
        _create(structure, title, theme, status, _validated_on(days), steps, shared, professions)
    _validation_in_progress(structures.get(ASKED_PROTOCOL[0]), users)


def _validation_in_progress(structure, users) -> None:
    """The chronic wounds protocol asked to three members a few days ago: one
    agrees, one has a réserve, one has not answered yet. No e-mail is sent."""
    if structure is None or ASKED_BY not in users:
        return
    protocol = structure.protocols.filter(title=ASKED_PROTOCOL[1]).first()
    if protocol is None or protocol.validation_rounds.exists() or not protocol.is_editable:
        return
    members = [users[email] for email, _answer, _comment in ANSWERS if email in users]
    validation_round = ValidationRound.open(
        protocol, by=users[ASKED_BY], members=members, message=ASKED_MESSAGE
    )
    for email, answer, comment in ANSWERS:
        if answer is not None and email in users:
            validation_round.record_answer(member=users[email], answer=answer, comment=comment)
    asked_at = timezone.now() - datetime.timedelta(days=4)
    ValidationRound.objects.filter(pk=validation_round.pk).update(requested_at=asked_at)
    for index, answer in enumerate(validation_round.answers.exclude(answer="")):
        answered_at = asked_at + datetime.timedelta(days=1 + index, hours=3)
        type(answer).objects.filter(pk=answer.pk).update(answered_at=answered_at)


def _create(structure, title, theme, status, validated_on, steps, shared, professions) -> None:
    memberships = list(structure.memberships.current().select_related("user"))
    team = [m.user for m in memberships]
    coordinator = next((m.user for m in memberships if m.role == "coordinateur"), team[0])
    protocol = Protocol.objects.create(
        structure=structure,
        title=title,
        theme=theme,
        problem=f"L'équipe veut mieux organiser : {title[0].lower()}{title[1:]}.",
        problem_source=ProblemSource.RCP,
        created_by=coordinator,
        inclusion_criteria=CRITERIA[title][0],
        exclusion_criteria=CRITERIA[title][1],
        **TEXTS,
    )
    protocol.professions.set(professions)
    protocol.members.set(team)
    if len(team) > 1:
        protocol.authors.set(team[1:2])
    ProtocolStep.objects.bulk_create(
        ProtocolStep(protocol=protocol, position=n, who=who, what=what, when=when, how=how)
        for n, (who, what, when, how) in enumerate(steps, start=1)
    )
    protocol.save_revision(by=coordinator, comment="Première rédaction")
    start = (validated_on or timezone.localdate()) - datetime.timedelta(days=90)
    meetings = 4 if status == ProtocolStatus.DESIGN else 3
    for index in range(meetings):
        protocol.meetings.create(
            date=start + datetime.timedelta(days=21 * index),
            duration_minutes=120,
            participants="2 médecins, 2 infirmières, 1 kinésithérapeute, 1 pharmacienne",
        )
    indicator = protocol.indicators.create(
        position=1,
        name="Patients inclus",
        target="40 par an",
        measure="Compte trimestriel dans le logiciel",
    )
    protocol.indicators.create(
        position=2,
        name="Taux d'inclusion (%)",
        target="60 %",
        measure="Patients inclus / patients répondant aux critères",
    )
    if validated_on is None:
        _date_history(protocol, start, start)
        return
    protocol.validate(by=coordinator, date=validated_on, agreed_by=team)
    for quarter in range(1, 5):
        date = validated_on + datetime.timedelta(days=91 * quarter)
        if date <= timezone.localdate():
            indicator.values.create(date=date, value=Decimal(6 * quarter + quarter % 2))
    if status in (ProtocolStatus.IN_USE, ProtocolStatus.TO_REVIEW):
        protocol.start_application(by=coordinator)
    if status == ProtocolStatus.TO_REVIEW:
        protocol.ask_review(by=coordinator)
    if status == ProtocolStatus.ARCHIVED:
        protocol.archive(by=coordinator)
    if shared is not None:
        protocol.share(by=coordinator, show_structure=shared)
    _date_history(protocol, start, validated_on)


def _date_history(protocol: Protocol, start: datetime.date, validated_on: datetime.date) -> None:
    """Spread the revisions over the protocol's life (written, validated, then a
    week per later change), as a team would have recorded them."""
    today = timezone.localdate()
    for index, revision in enumerate(protocol.revisions.order_by("number")):
        day = (
            start
            if index == 0
            else min(today, validated_on + datetime.timedelta(days=7 * (index - 1)))
        )
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))
        type(revision).objects.filter(pk=revision.pk).update(created_at=moment)
