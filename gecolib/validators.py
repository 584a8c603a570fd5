"""Validators of French health identifiers, with French error messages, and the
refusal of patient identifiers in free text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret

from .patient_identity import (
    HARD_KINDS,
    IDENTITY_LABELS,
    PATIENT_KINDS,
    IdentityMarker,
    find_identity_markers,
    find_nirs,
    identity_labels,
    marker_kinds,
)

__all__ = [
    "IDENTITY_LABELS",
    "IdentityMarker",
    "find_identity_markers",
    "find_nirs",
]


def validate_rpps(value: str) -> None:
    """RPPS: 11 digits, the last one a Luhn check key over the first ten."""
    value = (value or "").replace(" ", "")
    if not value.isdigit() or len(value) != 11:
        raise ValidationError(
            _("Le numéro RPPS doit comporter exactement 11 chiffres."), code="rpps_format"
        )
    try:
        luhn.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Ce numéro RPPS est invalide : sa clé de contrôle ne correspond pas."),
            code="rpps_checksum",
        ) from None


def validate_siret(value: str) -> None:
    value = (value or "").replace(" ", "")
    if not value.isdigit() or len(value) != 14:
        raise ValidationError(
            _("Le numéro SIRET doit comporter exactement 14 chiffres."), code="siret_format"
        )
    try:
        siret.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Ce numéro SIRET est invalide : sa clé de contrôle ne correspond pas."),
            code="siret_checksum",
        ) from None


def validate_finess(value: str) -> None:
    """FINESS: 9 characters, 2 for the department (2A/2B for Corsica), 6 digits
    and a Luhn check digit over the whole number (Corsica's letters read as 0)."""
    value = (value or "").replace(" ", "").upper()
    if (
        len(value) != 9
        or not value[2:].isdigit()
        or not (value[:2].isdigit() or value[:2] in {"2A", "2B"})
    ):
        raise ValidationError(
            _("Le numéro FINESS doit comporter 9 caractères (département puis 7 chiffres)."),
            code="finess_format",
        )
    digits = (
        value.replace("2A", "20", 1).replace("2B", "20", 1) if value[:2] in {"2A", "2B"} else value
    )
    if not luhn.is_valid(digits):
        raise ValidationError(
            _("Ce numéro FINESS est invalide : sa clé de contrôle ne correspond pas."),
            code="finess_checksum",
        )


# --------------------------------------------------------- patient identifiers
# The detection lives in gecolib.patient_identity; these are the validators of
# the fields that do not go through gecolib.team_data.


def validate_no_patient_identifier(value: str) -> None:
    """Refuses free text that holds what only a patient has: a NIR, a date of
    birth, a hospital patient number. (Phones and e-mail addresses are allowed
    here: professionals write theirs in their messages.)"""
    text = value if isinstance(value, str) else ""
    kinds = marker_kinds(find_identity_markers(text), PATIENT_KINDS)
    if kinds:
        raise ValidationError(
            _(
                "Ce texte semble contenir %(what)s : aucune donnée permettant d'identifier "
                "un patient ne doit être enregistrée."
            ),
            code="patient_identifier",
            params={"what": identity_labels(kinds)},
        )


def validate_no_identity_markers(value: str) -> None:
    """Refuses text that holds anything identifying a patient (RCP cases). A
    possible name is not refused here: there is no confirmation to ask for
    (gecolib.team_data does that)."""
    text = value if isinstance(value, str) else ""
    kinds = marker_kinds(find_identity_markers(text), HARD_KINDS)
    if kinds:
        raise ValidationError(
            _(
                "Ce texte semble contenir %(what)s : un cas présenté en RCP doit rester "
                "anonyme, sans rien qui permette d'identifier le patient."
            ),
            code="identity_marker",
            params={"what": identity_labels(kinds)},
        )
