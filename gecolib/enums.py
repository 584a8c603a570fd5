from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilitatorKind(models.TextChoices):
    HEALTH_PROFESSIONAL = "pro_sante", _("Facilitateur professionnel de santé")
    PROJECT_OFFICER = "charge_mission", _("Chargé de mission")


class ProfessionCategory(models.TextChoices):
    MEDICAL = "medicale", _("Profession médicale")
    PHARMACY = "pharmacie", _("Pharmacie")
    PARAMEDICAL = "paramedicale", _("Auxiliaire médical (paramédical)")
    OTHER = "autre", _("Autre profession de santé")


class MedicalSpecialty(models.TextChoices):
    GENERAL_PRACTICE = "generaliste", _("Médecine générale")
    PEDIATRICS = "pediatrie", _("Pédiatrie")
    PSYCHIATRY = "psychiatrie", _("Psychiatrie")
    GERIATRICS = "geriatrie", _("Gériatrie")
    GYNECOLOGY = "gynecologie", _("Gynécologie médicale")
    CARDIOLOGY = "cardiologie", _("Cardiologie")
    OTHER = "autre", _("Autre spécialité")


class EpciKind(models.TextChoices):
    CC = "CC", _("Communauté de communes")
    CA = "CA", _("Communauté d'agglomération")
    CU = "CU", _("Communauté urbaine")
    METRO = "METRO", _("Métropole")
