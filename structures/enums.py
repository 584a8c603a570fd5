from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    ESP = "esp", _("ESP – équipe de soins primaires")
    ESP_CLAP = "esp_clap", _("ESP CLAP")
    MSP = "msp", _("MSP – maison de santé pluriprofessionnelle")
    CPTS = "cpts", _("CPTS – communauté professionnelle territoriale de santé")
    HEALTH_CENTRE = "centre_sante", _("Centre de santé")


class MembershipRole(models.TextChoices):
    MEMBER = "membre", _("Membre")
    COORDINATOR = "coordinateur", _("Coordinateur")
    REFERENT = "referent", _("Référent")


class Stage(models.TextChoices):
    """Lifecycle stages. The ESP ones are the six steps of ARS Bretagne."""

    ESP_TEAM = "esp_1_equipe", _("1. Constitution de l'équipe")
    ESP_ASSOCIATION = "esp_2_association", _("2. Création de l'association")
    ESP_FUNDING = "esp_3_financement", _("3. Demande de financement (facultative)")
    ESP_WRITING = "esp_4_redaction", _("4. Rédaction du projet de santé")
    ESP_VALIDATION = "esp_5_validation", _("5. Validation (ARS, CARPEC)")
    ESP_RECOGNISED = "esp_6_reconnue", _("6. Reconnaissance de l'ESP")
    MSP_PROJECT = "msp_1_projet", _("Projet de maison de santé")
    MSP_WRITING = "msp_2_redaction", _("Rédaction du projet de santé")
    MSP_VALIDATION = "msp_3_validation", _("Validation (ARS, CARPEC)")
    MSP_RECOGNISED = "msp_4_reconnue", _("MSP reconnue")
    MSP_ACI = "msp_5_aci", _("ACI signé")
    CPTS_INTENT = "cpts_1_lettre", _("Lettre d'intention")
    CPTS_WRITING = "cpts_2_redaction", _("Rédaction du projet de santé")
    CPTS_SUBMITTED = "cpts_3_depot", _("Projet de santé déposé à l'ARS")
    CPTS_VALIDATED = "cpts_4_valide", _("Projet de santé validé (CPTS reconnue)")
    CPTS_ACI = "cpts_5_aci", _("ACI signé")
    CS_PROJECT = "cs_1_projet", _("Projet de centre de santé")
    CS_WRITING = "cs_2_redaction", _("Rédaction du projet de santé")
    CS_OPEN = "cs_3_ouvert", _("Centre ouvert")


# Stages of each kind, in order; the last ones count as "recognised".
STAGES_BY_KIND = {
    StructureKind.ESP: [
        Stage.ESP_TEAM,
        Stage.ESP_ASSOCIATION,
        Stage.ESP_FUNDING,
        Stage.ESP_WRITING,
        Stage.ESP_VALIDATION,
        Stage.ESP_RECOGNISED,
    ],
    StructureKind.ESP_CLAP: [
        Stage.ESP_TEAM,
        Stage.ESP_WRITING,
        Stage.ESP_VALIDATION,
        Stage.ESP_RECOGNISED,
    ],
    StructureKind.MSP: [
        Stage.MSP_PROJECT,
        Stage.MSP_WRITING,
        Stage.MSP_VALIDATION,
        Stage.MSP_RECOGNISED,
        Stage.MSP_ACI,
    ],
    StructureKind.CPTS: [
        Stage.CPTS_INTENT,
        Stage.CPTS_WRITING,
        Stage.CPTS_SUBMITTED,
        Stage.CPTS_VALIDATED,
        Stage.CPTS_ACI,
    ],
    StructureKind.HEALTH_CENTRE: [Stage.CS_PROJECT, Stage.CS_WRITING, Stage.CS_OPEN],
}
RECOGNISED_STAGES = [
    Stage.ESP_RECOGNISED,
    Stage.MSP_RECOGNISED,
    Stage.MSP_ACI,
    Stage.CPTS_VALIDATED,
    Stage.CPTS_ACI,
    Stage.CS_OPEN,
]


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association loi 1901")
    SISA = "sisa", _("SISA – société interprofessionnelle de soins ambulatoires")
    NONE = "aucune", _("Aucune")
    OTHER = "autre", _("Autre")


class InformationSystem(models.TextChoices):
    NONE = "aucun", _("Aucun système d'information partagé")
    SIP_LABELLED = "sip_labellise", _("SIP labellisé ANS")
    SIP_NOT_LABELLED = "sip_non_labellise", _("SIP non labellisé")


class CptsMissionKind(models.TextChoices):
    ACCESS = "acces_soins", _("Accès aux soins (médecin traitant, soins non programmés)")
    PATHWAYS = "parcours", _("Parcours pluriprofessionnels")
    PREVENTION = "prevention", _("Prévention")
    CRISIS = "crises_sanitaires", _("Réponse aux crises sanitaires")
    QUALITY = "qualite", _("Qualité et pertinence des soins")
    SUPPORT = "accompagnement", _("Accompagnement des professionnels de santé")


CORE_CPTS_MISSIONS = [
    CptsMissionKind.ACCESS,
    CptsMissionKind.PATHWAYS,
    CptsMissionKind.PREVENTION,
    CptsMissionKind.CRISIS,
]


class MissionStatus(models.TextChoices):
    NOT_STARTED = "non_engagee", _("Non engagée")
    IN_PROGRESS = "en_cours", _("En cours de déploiement")
    DEPLOYED = "deployee", _("Déployée")


class CarpecReviewKind(models.TextChoices):
    FUNDING_WRITING = "financement_redaction", _("Financement de la rédaction du projet de santé")
    VALIDATION = "validation", _("Validation du projet de santé")
    FUNDING_ACTIONS = "financement_mise_en_oeuvre", _("Financement de la mise en œuvre")


class CarpecOutcome(models.TextChoices):
    PENDING = "a_venir", _("À venir")
    FAVOURABLE = "favorable", _("Avis favorable")
    UNFAVOURABLE = "defavorable", _("Avis défavorable")
    POSTPONED = "ajourne", _("Ajourné")


class HealthProjectStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "soumis_ars", _("Soumis à l'ARS")
    CARPEC = "avis_carpec", _("Avis CARPEC")
    VALIDATED = "valide", _("Validé")
    TO_REWORK = "a_reprendre", _("À reprendre")


class HealthProjectSection(models.TextChoices):
    """Sections of the ARS template, in order."""

    COVER = "couverture", _("Page de garde : sites et contact")
    TERRITORY = "diagnostic_territoire", _("1.1 Territoire et population")
    CARE_SUPPLY = "diagnostic_offre", _("1.2 Offre de soins existante")
    HEALTH_NEEDS = "diagnostic_besoins", _("1.3 Besoins de santé")
    TEAM = "professionnel_equipe", _("2.1 L'équipe")
    ORGANISATION = "professionnel_organisation", _("2.2 Organisation")
    COORDINATION = "professionnel_coordination", _("2.3 Fonction de coordination")
    INFORMATION_SYSTEM = "professionnel_si", _("2.4 Système d'information")
    ACCESS = "soins_acces", _("3.1 Accès aux soins et soins non programmés")
    RCP_PROTOCOLS = "soins_coordination", _("3.2 Coordination : RCP et protocoles")
    PATHWAYS = "soins_parcours", _("3.3 Parcours")
    PREVENTION = "soins_prevention", _("3.4 Prévention et santé publique")
    QUALITY = "soins_qualite", _("3.5 Qualité et implication des usagers")
