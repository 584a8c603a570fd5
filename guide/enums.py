"""Choices of the guide: kinds of page, themes, audiences, suggestion states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    PAGE = "page", _("Page")
    FICHE = "fiche", _("Fiche pratique")
    POSTE = "poste", _("Fiche de poste")
    OUTIL = "outil", _("Outil")


class Theme(models.TextChoices):
    STRUCTURES = "structures", _("Structures")
    PROJET_SANTE = "projet_sante", _("Projet de santé")
    COORDINATION = "coordination", _("Coordination")
    PROTOCOLES = "protocoles", _("Protocoles")
    RCP = "rcp", _("RCP")
    NUMERIQUE = "numerique", _("Numérique")
    QUALITE = "qualite", _("Qualité")
    SANTE_PUBLIQUE = "sante_publique", _("Santé publique")
    USAGERS = "usagers", _("Usagers")
    FINANCEMENT = "financement", _("Financement")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    CONNECTES = "connectes", _("Professionnels connectés")
    ADHERENTS = "adherents", _("Adhérents")


class SuggestionStatus(models.TextChoices):
    NEW = "nouvelle", _("Reçue")
    ACCEPTED = "retenue", _("Retenue")
    DECLINED = "non_retenue", _("Non retenue")
