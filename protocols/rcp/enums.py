from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """The three purposes of an RCP (HAS, 2014), and work on practices."""

    COMPLEX = "situations_complexes", _("Situations complexes")
    ADVERSE_EVENT = "evenement_indesirable", _("Événement indésirable")
    A_PRIORI = "a_priori", _("Prise en charge a priori d'une catégorie de patients")
    PRACTICES = "pratiques", _("Amélioration des pratiques / protocole")


class Mode(models.TextChoices):
    IN_PERSON = "presentiel", _("En présentiel")
    ONLINE = "distanciel", _("En visioconférence")
    HYBRID = "hybride", _("Hybride (présentiel et visioconférence)")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "prevue", _("Prévue")
    CANCELLED = "annulee", _("Annulée")


class Answer(models.TextChoices):
    """What an invited member said before the meeting (worded without
    guessing anyone's gender)."""

    NONE = "", _("Pas de réponse")
    PRESENT = "present", _("Sera là")
    EXCUSED = "excuse", _("Absence excusée")
    MAYBE = "peut_etre", _("Peut-être")


class Attendance(models.TextChoices):
    """Who was there, recorded afterwards."""

    UNKNOWN = "", _("Non renseignée")
    PRESENT = "present", _("Présent")
    EXCUSED = "excuse", _("Excusé")
    ABSENT = "absent", _("Absent")


class ItemStatus(models.TextChoices):
    """An agenda item proposed by a member waits for an organiser, who puts it
    on the agenda or declines it; an organiser's own items are on it at once."""

    PROPOSED = "propose", _("Proposé")
    ACCEPTED = "retenu", _("À l'ordre du jour")
    DECLINED = "refuse", _("Refusé")


class ItemKind(models.TextChoices):
    CASE = "cas", _("Cas patient (pseudonymisé)")
    ADVERSE_EVENT = "evenement", _("Analyse d'un événement indésirable")
    PATHWAY = "parcours", _("Prise en charge d'une catégorie de patients")
    PROTOCOL = "protocole", _("Protocole, pratiques")
    INFORMATION = "information", _("Information")


class DecisionStatus(models.TextChoices):
    OPEN = "ouverte", _("À faire")
    DONE = "realisee", _("Réalisée")
    ABANDONED = "abandonnee", _("Abandonnée")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("1er")
    SECOND = 2, _("2e")
    THIRD = 3, _("3e")
    FOURTH = 4, _("4e")
    LAST = -1, _("dernier")


# ACI: formalised concertation, about six RCPs a year.
YEARLY_TARGET = 6
