"""Validators of French health identifiers, with French error messages, and the
refusal of patient identifiers in free text."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret


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
#
# The portal holds no patient data. Free text is where one could slip in (a
# session summary quoting a case, a message): a French social security number
# (NIR) is refused everywhere. A NIR is 15 characters — sex (1, 2; 3, 4, 7, 8
# for temporary numbers), year, month, department (2A/2B for Corsica),
# commune, order, then a key = 97 − (the 13 first digits mod 97) — written
# with or without spaces, dots or dashes. Only numbers whose key is right are
# refused, so a case reference (« CAS-2026-014 »), a phone number, a SIRET or
# an RPPS number does not trip it.

_NIR_SEPARATOR = r"[ .\-\u00a0\u202f]?"
# Every start position is tried (a lookahead), so a number that is not a NIR
# does not hide one that starts inside it.
_NIR_CANDIDATE = re.compile(
    r"(?=(?<![\w])([1-478](?:" + _NIR_SEPARATOR + r"[0-9AaBb]){14})(?![\w]))"
)
_NIR_SHAPE = re.compile(r"[1-478]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{8}")

NIR_MESSAGE = _(
    "Ce texte semble contenir un numéro de sécurité sociale (NIR) : aucune donnée "
    "permettant d'identifier un patient ne doit être enregistrée."
)


def _nir_key(number: str) -> int:
    """The key of a 15-character NIR (Corsica: 2A counts as 19, 2B as 18)."""
    corsica = {"2A": "19", "2B": "18"}.get(number[5:7])
    digits = number[:5] + corsica + number[7:13] if corsica else number[:13]
    return 97 - int(digits) % 97


def find_nirs(text: str) -> list[str]:
    """The NIRs (with a valid key) written in `text`, as they were written."""
    found = []
    for match in _NIR_CANDIDATE.finditer(text or ""):
        written = match.group(1)
        number = re.sub(r"[ .\-\u00a0\u202f]", "", written).upper()
        if _NIR_SHAPE.fullmatch(number) and _nir_key(number) == int(number[13:]):
            found.append(written)
    return found


def validate_no_patient_identifier(value: str) -> None:
    """Refuses free text that contains a social security number (NIR)."""
    if isinstance(value, str) and find_nirs(value):
        raise ValidationError(NIR_MESSAGE, code="patient_identifier")


# The stronger check for RCP cases (multi-professional case reviews), where a
# patient is discussed: besides a NIR, a date of birth, a phone number or an
# e-mail address identifies someone. An age (« 80 ans ») or a case reference
# (« CAS-2026-014 ») does not.

_BIRTH_DATE = re.compile(
    r"\b(?:n[ée]e?s?\s+le|DDN|D\.D\.N\.?|date\s+de\s+naissance)\s*:?\s*"
    r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4})",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(?:\+33[ .\-]?|0033[ .\-]?|0)[1-9](?:[ .\-]?\d{2}){4}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


@dataclass(frozen=True)
class IdentityMarker:
    kind: str  # "nir", "birth_date", "phone", "email"
    text: str


def find_identity_markers(text: str) -> list[IdentityMarker]:
    """What in `text` could identify a patient: NIR, date of birth, phone
    number, e-mail address — for the RCP cases, which must stay anonymous."""
    text = text or ""
    markers = [IdentityMarker("nir", nir) for nir in find_nirs(text)]
    markers += [IdentityMarker("birth_date", m.group(0)) for m in _BIRTH_DATE.finditer(text)]
    markers += [IdentityMarker("phone", m.group(0)) for m in _PHONE.finditer(text)]
    markers += [IdentityMarker("email", m.group(0)) for m in _EMAIL.finditer(text)]
    return markers


IDENTITY_LABELS = {
    "nir": _("un numéro de sécurité sociale"),
    "birth_date": _("une date de naissance"),
    "phone": _("un numéro de téléphone"),
    "email": _("une adresse e-mail"),
}


def validate_no_identity_markers(value: str) -> None:
    """Refuses text that contains anything identifying a patient (RCP cases)."""
    markers = find_identity_markers(value) if isinstance(value, str) else []
    if markers:
        kinds = []
        for marker in markers:
            if marker.kind not in kinds:
                kinds.append(marker.kind)
        raise ValidationError(
            _(
                "Ce texte semble contenir %(what)s : un cas présenté en RCP doit rester "
                "anonyme, sans rien qui permette d'identifier le patient."
            ),
            code="identity_marker",
            params={"what": ", ".join(str(IDENTITY_LABELS[kind]) for kind in kinds)},
        )
