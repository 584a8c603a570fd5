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
