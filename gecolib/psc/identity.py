"""What the portal reads from a Pro Santé Connect identity.

The userinfo of a professional registered in the RPPS carries their national
identifier, "8" followed by the 11-digit RPPS (`SubjectNameID`, also in
`preferred_username` and at the end of `sub`), their names, and
`SubjectRefPro.exercices[]` with `codeProfession` (ANS nomenclature G15, the
one of `gecolib.models.Profession`). A student or a professional known only
by an ADELI number has no RPPS: the portal refuses them with a clear page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ..models import Profession
from ..validators import validate_rpps

RPPS_PREFIX = "8"


@dataclass(frozen=True)
class PSCIdentity:
    first_name: str
    last_name: str
    rpps: str  # "" when the identity has none
    profession_codes: tuple[str, ...]
    email: str

    @classmethod
    def from_userinfo(cls, data: dict) -> PSCIdentity:
        ref = data.get("SubjectRefPro") or {}
        exercices = ref.get("exercices") or [] if isinstance(ref, dict) else []
        codes = tuple(
            str(exercice.get("codeProfession"))
            for exercice in exercices
            if isinstance(exercice, dict) and exercice.get("codeProfession")
        )
        return cls(
            first_name=_text(data.get("given_name")),
            last_name=_text(data.get("family_name")),
            rpps=rpps_from_national_id(
                data.get("SubjectNameID") or data.get("preferred_username") or ""
            ),
            profession_codes=codes,
            email=_text(data.get("email")),
        )


def rpps_from_national_id(national_id: str) -> str:
    """The RPPS of a national identifier "8" + 11 digits (checked), else ""."""
    value = str(national_id).strip()
    if len(value) != 12 or not value.startswith(RPPS_PREFIX):
        return ""
    rpps = value[1:]
    try:
        validate_rpps(rpps)
    except ValidationError:
        return ""
    return rpps


def _text(value) -> str:
    return value.strip()[:150] if isinstance(value, str) else ""


def apply_identity(user, identity: PSCIdentity, *, save: bool = True) -> None:
    """Write the verified names, RPPS and profession on the account (the
    profile shows them as verified and no longer lets them be typed). A
    profession of the identity that the portal does not list leaves the
    declared one."""
    if identity.first_name:
        user.first_name = identity.first_name
    if identity.last_name:
        user.last_name = identity.last_name
    user.rpps = identity.rpps
    profession = verified_profession(identity, current=user.profession)
    if profession is not None and profession != user.profession:
        user.profession = profession
        if profession.code != "10":
            user.specialty = ""
    if save:
        user.save(update_fields=["first_name", "last_name", "rpps", "profession", "specialty"])


def verified_profession(identity: PSCIdentity, current=None):
    """The identity's profession (G15 code): the current one if it is among
    them (a person may practise two), else the first the portal lists."""
    if not identity.profession_codes:
        return None
    if current is not None and current.code in identity.profession_codes:
        return current
    found = {p.code: p for p in Profession.objects.filter(code__in=identity.profession_codes)}
    return next((found[code] for code in identity.profession_codes if code in found), None)
