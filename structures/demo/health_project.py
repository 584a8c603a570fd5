"""Demo health projects: the ESP de Lamballe-Penthièvre writes its project
(several versions by several members, still a draft) and the MSP des Rives de
Rance has a validated one. Fictional content, no patient data; idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gecolib.models import User

from ..enums import HealthProjectSection as Section
from ..models import HealthProject, Structure

ESP_NAME = "ESP de Lamballe-Penthièvre"
MSP_NAME = "MSP des Rives de Rance"

ESP_V1 = {
    Section.COVER: """\
**Site principal** : pôle santé, 12 rue du Docteur Lavergne, 22400 Lamballe-Armor.
Ouvert du lundi au vendredi de 8 h à 20 h, le samedi de 8 h à 12 h.

**Sites associés** : cabinet infirmier de Penthièvre (Saint-Alban), pharmacie du Val
(Plestan), cabinet de kinésithérapie des Halles (Lamballe-Armor).

**Contact** : la coordinatrice de l'ESP, par la messagerie sécurisée de santé ou par
l'adresse de l'association.""",
    Section.TERRITORY: """\
L'ESP couvre le cœur de la communauté d'agglomération **Lamballe Terre et Mer** :
Lamballe-Armor et six communes rurales voisines, soit environ 22 000 habitants.

- une population plus âgée que la moyenne bretonne : près d'un habitant sur trois a
  plus de 60 ans ;
- un habitat dispersé, avec des hameaux éloignés de 10 à 15 km du pôle santé ;
- une activité agricole et agroalimentaire importante (horaires décalés, travail
  posté) ;
- peu de transports en commun en dehors de l'axe Lamballe – Saint-Brieuc.""",
    Section.CARE_SUPPLY: """\
Le territoire compte 14 médecins généralistes libéraux, dont 5 de plus de 60 ans.
Deux départs en retraite sont annoncés d'ici deux ans, sans successeur identifié.

L'offre paramédicale est plus stable : trois cabinets infirmiers, quatre cabinets de
kinésithérapie, deux orthophonistes (délais d'attente supérieurs à six mois) et quatre
pharmacies. Le centre hospitalier de Lamballe assure la médecine et les soins de suite ;
les urgences les plus proches sont à Saint-Brieuc (25 minutes).""",
    Section.HEALTH_NEEDS: """\
Le diagnostic partagé avec les élus et le CLIC fait ressortir quatre priorités :

1. **l'accès à un médecin traitant** : environ 1 800 habitants n'en ont plus ;
2. **le maintien à domicile des personnes âgées** : chutes, dénutrition,
   iatrogénie médicamenteuse ;
3. **le suivi des maladies chroniques** : diabète de type 2, insuffisance cardiaque,
   BPCO ;
4. **la prévention** : couverture vaccinale insuffisante (grippe, rappel dTP chez
   l'adulte), dépistages organisés peu suivis.""",
}

ESP_V2 = {
    Section.ORGANISATION: """\
L'équipe se réunit en **plénière une fois par trimestre** (ordre du jour envoyé
quinze jours avant, compte rendu diffusé à tous). Un bureau de quatre membres
(médecin, infirmière, kinésithérapeute, pharmacienne) prépare les décisions.

Les professionnels conservent leur exercice dans leurs cabinets ; l'ESP organise :

- un annuaire partagé et des créneaux de contact direct entre professionnels ;
- une continuité des soins pendant les congés, par un planning partagé ;
- l'accueil des étudiants (internes en médecine générale, étudiants infirmiers).""",
    Section.PATHWAYS: """\
**Parcours de la personne âgée fragile à domicile** : repérage par l'infirmière ou le
pharmacien (grille de fragilité), évaluation par le médecin traitant, plan d'actions
partagé avec le service d'aide à domicile et le CLIC.

**Retour à domicile après hospitalisation** : le centre hospitalier prévient l'équipe
par messagerie sécurisée ; le médecin traitant, l'infirmière et le pharmacien se
coordonnent dans les 48 heures (conciliation médicamenteuse, passage infirmier).

**Soins palliatifs à domicile** : lien avec l'équipe mobile de soins palliatifs et
l'HAD du territoire.""",
}

ESP_V3 = {
    Section.RCP_PROTOCOLS: """\
**Réunions de concertation pluriprofessionnelles** : une RCP par mois, d'une heure,
au pôle santé ou en visioconférence. Les situations sont présentées sous un libellé
pseudonyme ; l'ordre du jour est envoyé une semaine avant, le compte rendu et le suivi
des décisions sont tenus par la coordinatrice.

**Protocoles pluriprofessionnels** prévus (un par an, en trois réunions de deux heures
au plus) :

| Protocole | Professions concernées | Échéance |
| --- | --- | --- |
| Prévention des chutes de la personne âgée | médecin, infirmier, kinésithérapeute | 2026 |
| Suivi du patient sous anticoagulant oral | médecin, infirmier, pharmacien | 2027 |
| Plaies chroniques | médecin, infirmier | 2027 |""",
    Section.PREVENTION: """\
- **Prévention des chutes** : ateliers d'équilibre animés par les kinésithérapeutes
  avec la maison des associations (deux cycles de dix séances par an).
- **Dépistages organisés** : rappel du dépistage du cancer colorectal lors du
  renouvellement d'ordonnance en pharmacie.""",
}

ESP_V4 = {
    Section.INFORMATION_SYSTEM: """\
Les professionnels échangent par **messagerie sécurisée de santé** (MSSanté). L'ESP
n'a pas encore de système d'information partagé labellisé ; le choix d'un logiciel
commun est étudié pour 2027, en lien avec le GRADeS régional.

Règles retenues : les informations utiles à la coordination sont partagées au sein de
l'équipe de soins ; le patient en est informé et peut s'y opposer à tout moment.""",
    Section.PREVENTION: """\
- **Prévention des chutes** : ateliers d'équilibre animés par les kinésithérapeutes
  avec la maison des associations (deux cycles de dix séances par an).
- **Vaccination** : campagne annuelle grippe et Covid-19 coordonnée entre pharmacies,
  infirmiers et médecins ; rattrapage du rappel dTP à 25, 45 et 65 ans.
- **Dépistages organisés** : rappel du dépistage du cancer colorectal lors du
  renouvellement d'ordonnance en pharmacie.
- **Éducation thérapeutique** : programme « diabète de type 2 » porté avec le réseau
  départemental, séances collectives au pôle santé.""",
}

ESP_V5 = {
    Section.TEAM: """\
L'équipe réunit des professionnels libéraux de premier recours installés sur le
territoire, membres de l'association « ESP de Lamballe-Penthièvre » (loi 1901).
Chacun a signé la charte de fonctionnement de l'équipe. D'autres professionnels
(orthophoniste, diététicienne, sage-femme) ont exprimé leur intérêt et seront
invités à la prochaine plénière.""",
    Section.COORDINATION: """\
La coordination est assurée par l'infirmière coordinatrice de l'équipe, **quatre heures
par semaine**, financées par la subvention de l'ARS pour la rédaction du projet puis
par les financements de la mise en œuvre.

Ses missions : préparer et animer les réunions, tenir le suivi des actions, faire le
lien avec les partenaires (centre hospitalier, CLIC, DAC, mairies), préparer les
dossiers de financement avec l'appui de GECO Lib'.""",
    Section.ACCESS: """\
- **Patients sans médecin traitant** : liste d'attente partagée et priorisation des
  personnes en ALD ou de plus de 70 ans ; une consultation de « premier contact » par
  semaine et par médecin.
- **Soins non programmés** : un créneau réservé chaque jour ouvré dans chaque cabinet
  médical, orientation par les pharmaciens et les infirmiers selon un arbre de
  décision partagé.
- **Personnes vulnérables** : visites à domicile coordonnées pour les personnes
  isolées repérées par le CCAS.""",
    Section.QUALITY: """\
L'équipe remplira la **matrice de maturité de la HAS** chaque année (un groupe de cinq
professionnels, une heure) et suivra trois indicateurs : nombre de RCP tenues, nombre
de protocoles actifs, part des ateliers de prévention complets.

**Implication des usagers** : une enquête de satisfaction tous les deux ans et un siège
au conseil d'administration de l'association pour un représentant d'une association
d'usagers.""",
    Section.TERRITORY: ESP_V1[Section.TERRITORY].replace(
        "soit environ 22 000 habitants.",
        "soit environ 22 500 habitants (recensement 2021).",
    ),
}

ESP_VERSIONS = [
    ("professionnel@demo.gecolib.fr", ESP_V1, "Première trame à partir du diagnostic", 62),
    ("infirmiere@demo.gecolib.fr", ESP_V2, "Organisation et parcours de soins", 48),
    ("kine@demo.gecolib.fr", ESP_V3, "RCP, protocoles et prévention des chutes", 33),
    ("pharmacienne@demo.gecolib.fr", ESP_V4, "Vaccination et système d'information", 19),
    ("professionnel@demo.gecolib.fr", ESP_V5, "Relecture après la réunion plénière", 4),
]

MSP_SECTIONS = {
    Section.COVER: "Maison de santé, 3 place de la Rance, 22100 Dinan. "
    "Ouverte de 8 h à 20 h en semaine et le samedi matin.",
    Section.TERRITORY: "La MSP couvre Dinan et quatre communes de **Dinan Agglomération** "
    "(environ 18 000 habitants), avec une forte saisonnalité touristique.",
    Section.CARE_SUPPLY: "Deux médecins généralistes, une orthophoniste, une sage-femme, "
    "un pédicure-podologue et une diététicienne exercent dans la MSP ; trois cabinets "
    "infirmiers partenaires interviennent à domicile.",
    Section.HEALTH_NEEDS: "Priorités : santé de la femme et périnatalité, suivi du diabète, "
    "prévention de la perte d'autonomie.",
    Section.TEAM: "L'équipe est constituée en SISA ; elle a signé l'accord conventionnel "
    "interprofessionnel (ACI).",
    Section.ORGANISATION: "Réunion d'équipe mensuelle, secrétariat commun, "
    "dossier partagé dans un logiciel labellisé.",
    Section.COORDINATION: "Une coordinatrice salariée de la SISA, à mi-temps.",
    Section.INFORMATION_SYSTEM: "Système d'information partagé labellisé par l'ANS, "
    "messagerie sécurisée de santé pour tous les professionnels.",
    Section.ACCESS: "Soins non programmés chaque jour ouvré ; amplitude 8 h – 20 h et "
    "samedi matin, conformément au socle de l'ACI.",
    Section.RCP_PROTOCOLS: "RCP mensuelle ; protocoles : suivi du diabète de type 2, "
    "entretien prénatal précoce, pied diabétique.",
    Section.PATHWAYS: "Parcours périnatalité avec la maternité de Dinan ; parcours "
    "diabète avec le réseau départemental.",
    Section.PREVENTION: "Ateliers nutrition, vaccination antigrippale, "
    "dépistage du cancer du col de l'utérus.",
    Section.QUALITY: "Matrice de maturité remplie en 2025 ; enquête de satisfaction annuelle.",
}


def _backdate(version, days: int) -> None:
    when = timezone.now() - datetime.timedelta(days=days)
    type(version).objects.filter(pk=version.pk).update(created_at=when)


def _esp_project(users: dict[str, User]) -> None:
    structure = Structure.objects.filter(name=ESP_NAME).first()
    if structure is None:
        return
    project, _created = HealthProject.objects.get_or_create(structure=structure)
    if project.versions.exists():
        return
    for email, sections, comment, days_ago in ESP_VERSIONS:
        author = users.get(email)
        version = project.save_revision(sections, by=author, comment=comment)
        _backdate(version, days_ago)


def _validated_project(users: dict[str, User]) -> None:
    structure = Structure.objects.recognised().filter(name=MSP_NAME).first()
    if structure is None:
        structure = Structure.objects.recognised().exclude(name=ESP_NAME).first()
    staff = users.get("staff@demo.gecolib.fr")
    if structure is None or staff is None:
        return
    project, _created = HealthProject.objects.get_or_create(structure=structure)
    if project.versions.exists():
        return
    coordinator = users.get("medecin2@demo.gecolib.fr", staff)
    first = dict(list(MSP_SECTIONS.items())[:6])
    _backdate(project.save_revision(first, by=coordinator, comment="Diagnostic"), 400)
    last = project.save_revision(MSP_SECTIONS, by=coordinator, comment="Version complète")
    _backdate(last, 380)
    project.submit(by=staff)
    project.record_carpec_opinion(by=staff)
    project.validate(by=staff)


@transaction.atomic
def load(users: dict[str, User]) -> None:
    _esp_project(users)
    _validated_project(users)
