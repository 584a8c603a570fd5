"""The demo's people: extra facilitators (who accept the charter) and the
professionals who file requests. Accounts that cannot log in, looked up by
e-mail."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from gecolib.enums import FacilitatorKind
from gecolib.models import Charter, CharterAcceptance, Profession, User

# Extra facilitators so that ~60 facilitations have believable binômes.
FACILITATORS = [
    ("facilitateur@demo.gecolib.fr", None, None, FacilitatorKind.HEALTH_PROFESSIONAL),
    ("charge.mission@demo.gecolib.fr", None, None, FacilitatorKind.PROJECT_OFFICER),
    ("gaelle.nedelec@demo.gecolib.fr", "Gaëlle", "Nédélec", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("pierre.le.meur@demo.gecolib.fr", "Pierre", "Le Meur", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("soizic.rannou@demo.gecolib.fr", "Soizic", "Rannou", FacilitatorKind.HEALTH_PROFESSIONAL),
    ("ronan.quere@demo.gecolib.fr", "Ronan", "Quéré", FacilitatorKind.PROJECT_OFFICER),
    ("armelle.hamon@demo.gecolib.fr", "Armelle", "Hamon", FacilitatorKind.PROJECT_OFFICER),
]

REQUESTER_NAMES = [
    ("Marion", "Le Corre"), ("Julien", "Derrien"), ("Aurélie", "Le Floch"), ("Mathieu", "Prigent"),
    ("Élodie", "Guéguen"), ("Kévin", "Le Duff"), ("Camille", "Bothorel"), ("Gwendal", "Salaün"),
    ("Laëtitia", "Le Bras"), ("Nicolas", "Kerjean"), ("Morgane", "Cadiou"), ("Tanguy", "Lozach"),
    ("Solenn", "Le Moal"), ("Bastien", "Thépaut"), ("Maïwenn", "Abgrall"), ("Yannick", "Jézéquel"),
]  # fmt: skip

PROFESSION_CODES = ["10", "60", "70", "21", "50", "91", "80"]


def _user(email: str, first: str, last: str, **fields) -> User:
    """A demo account that does not log in (no usable password) unless it exists."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, **fields}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def facilitator_pools(users: dict[str, User]) -> dict[str, list[User]]:
    charter = Charter.current()
    pools: dict[str, list[User]] = {k: [] for k in FacilitatorKind.values}
    for email, first, last, kind in FACILITATORS:
        user = users.get(email) or _user(email, first or "", last or "", facilitator_kind=kind)
        if user.facilitator_kind != kind:
            continue
        if charter is not None:
            CharterAcceptance.objects.get_or_create(user=user, charter=charter)
        pools[kind].append(user)
    return pools


def requester_accounts(users: dict[str, User]) -> list[User]:
    professions = list(Profession.objects.filter(code__in=PROFESSION_CODES))
    result = []
    for index, (first, last) in enumerate(REQUESTER_NAMES):
        email = f"demandeur{index + 1}@demo.gecolib.fr"
        result.append(_user(email, first, last, profession=professions[index % len(professions)]))
    return result
