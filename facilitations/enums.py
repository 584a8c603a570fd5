from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    SUBMITTED = "deposee", _("Déposée")
    UNDER_REVIEW = "en_examen", _("En cours d'examen")
    ACCEPTED = "acceptee", _("Acceptée")
    REDIRECTED = "orientee", _("Orientée ailleurs")
    DECLINED = "declinee", _("Déclinée")


OPEN_REQUEST_STATUSES = [RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW]


class FacilitationStatus(models.TextChoices):
    IN_PROGRESS = "en_cours", _("En cours")
    PAUSED = "en_pause", _("En pause")
    DONE = "terminee", _("Terminée")
    ABANDONED = "abandonnee", _("Abandonnée")


CLOSED_FACILITATION_STATUSES = [FacilitationStatus.DONE, FacilitationStatus.ABANDONED]


class FacilitationOutcome(models.TextChoices):
    STRUCTURE_CREATED = "structure_creee", _("Structure créée")
    HEALTH_PROJECT_VALIDATED = "projet_valide", _("Projet de santé validé")
    PROTOCOL_ADOPTED = "protocole_adopte", _("Protocole adopté")
    RCP_SET_UP = "rcp_en_place", _("RCP mises en place")
    COORDINATOR_RECRUITED = "coordinateur_recrute", _("Coordinateur recruté")
    ACTION_CARRIED_OUT = "action_realisee", _("Action de prévention réalisée")
    OTHER = "autre", _("Autre résultat")
    NONE = "sans_suite", _("Sans suite")


class SessionMode(models.TextChoices):
    ON_SITE = "sur_place", _("Sur place")
    VIDEO = "visio", _("Visioconférence")
    PHONE = "telephone", _("Téléphone")


class Phase(models.TextChoices):
    DEFINITION = "definition", _("Définition")
    MEASURE = "mesure", _("Mesure")
    ANALYSIS = "analyse", _("Analyse")
    FOLLOW_UP = "suivi", _("Suivi")
    IMPROVEMENT = "amelioration", _("Amélioration")


class PostureAnswer(models.TextChoices):
    """Whether the facilitators' posture matched one of the charter's values."""

    YES = "oui", _("Oui")
    PARTLY = "en_partie", _("En partie")
    NO = "non", _("Non")
