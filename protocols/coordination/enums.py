"""Choices of the coordination protocols."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProtocolTheme(models.TextChoices):
    FALLS = "chutes", _("Prévention des chutes")
    ANTICOAGULANTS = "anticoagulants", _("Suivi des traitements anticoagulants")
    WOUNDS = "plaies", _("Plaies chroniques")
    DIABETES = "diabete", _("Diabète")
    CARDIOVASCULAR = "cardiovasculaire", _("Risque cardiovasculaire")
    ELDERLY = "personnes_agees", _("Personnes âgées, perte d'autonomie")
    MEDICATION = "iatrogenie", _("Médicaments, iatrogénie")
    PALLIATIVE = "palliatif", _("Soins palliatifs à domicile")
    MENTAL_HEALTH = "sante_mentale", _("Santé mentale, addictions")
    PERINATAL = "perinatalite", _("Périnatalité, enfance")
    PREVENTION = "prevention", _("Prévention, dépistage, vaccination")
    CARE_ACCESS = "acces_soins", _("Accès aux soins, soins non programmés")
    OTHER = "autre", _("Autre")


class ProblemSource(models.TextChoices):
    RCP = "rcp", _("Une RCP")
    INDICATORS = "indicateurs", _("Des indicateurs")
    HEALTH_PROJECT = "projet_sante", _("Le projet de santé")
    PATIENTS = "patients", _("Des retours de patients ou d'aidants")
    PRACTICE = "pratique", _("L'expérience des professionnels")
    NETWORK = "reseau", _("Un protocole d'une autre équipe")


class ProtocolStatus(models.TextChoices):
    DESIGN = "conception", _("En conception")
    VALIDATED = "valide", _("Validé par l'équipe")
    IN_USE = "application", _("En application")
    TO_REVIEW = "a_reviser", _("À réviser")
    ARCHIVED = "archive", _("Archivé")


class ValidationMethod(models.TextChoices):
    """How a validation was reached: the answers of the members asked, or a
    decision taken in meeting and recorded by whoever may edit."""

    ANSWERS = "avis", _("avis des membres sollicités")
    MEETING = "reunion", _("décision prise en réunion")


class RoundStatus(models.TextChoices):
    """Where a request for the team's validation stands."""

    OPEN = "en_cours", _("en cours")
    VALIDATED = "validee", _("protocole validé par l'équipe")
    SUPERSEDED = "remplacee", _("remplacée par une nouvelle demande")
    TEXT_CHANGED = "texte_modifie", _("interrompue : le texte du protocole a été modifié")
    MEETING = "reunion", _("close : décision prise en réunion")
    CLOSED = "close", _("close : le protocole a changé de statut")


class Answer(models.TextChoices):
    """A member's answer to a request for validation (blank: awaited)."""

    AGREE = "accord", _("D'accord")
    RESERVE = "reserve", _("Réserve")
