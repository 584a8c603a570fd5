"""Demo data of the portal: the accounts (password `demo-gecolib`), then what
each app adds. Idempotent: running it again duplicates nothing.

The core lists no feature app: each app's `demo` module registers its loader
(`register_demo`, a function of the users by e-mail), and `load_all()`
imports every app's `demo` module (`autodiscover_modules`) and runs the
loaders in the order of INSTALLED_APPS (the hub's structures before the
facilitations that follow them).
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.db import transaction

from .contact import ContactMessage, ContactSubject
from .models import EPCI, Charter, CharterAcceptance, Profession, User
from .registry import AppRegistry

DEMO_PASSWORD = "demo-gecolib"

_loaders: AppRegistry[Callable[[dict], None]] = AppRegistry("demo data")
register_demo = _loaders.register


# email, first name, last name, profession code, specialty, facilitator kind, staff, EPCI SIREN
DEMO_USERS = [
    ("staff@demo.gecolib.fr", "Claire", "Le Gall", None, "", "", True, None),
    ("facilitateur@demo.gecolib.fr", "Yann", "Kerhervé", "60", "", "pro_sante", False, "200069391"),
    ("charge.mission@demo.gecolib.fr", "Maëlle", "Tanguy", None, "", "charge_mission", False, None),
    (
        "professionnel@demo.gecolib.fr",
        "Erwan",
        "Le Bihan",
        "10",
        "generaliste",
        "",
        False,
        "200069391",
    ),
    ("infirmiere@demo.gecolib.fr", "Anne", "Guillou", "60", "", "", False, "200069391"),
    ("kine@demo.gecolib.fr", "Loïc", "Morvan", "70", "", "", False, "200069391"),
    ("pharmacienne@demo.gecolib.fr", "Sophie", "Le Roux", "21", "", "", False, "200069391"),
    ("orthophoniste@demo.gecolib.fr", "Gwenaëlle", "Riou", "91", "", "", False, "200068989"),
    ("medecin2@demo.gecolib.fr", "Thomas", "Cariou", "10", "generaliste", "", False, "200068989"),
    ("sagefemme@demo.gecolib.fr", "Nolwenn", "Pichon", "50", "", "", False, "200068989"),
    ("podologue@demo.gecolib.fr", "Hervé", "Le Goff", "80", "", "", False, "200068989"),
    ("dieteticienne@demo.gecolib.fr", "Katell", "Jaouen", "95", "", "", False, "200068989"),
]


def load_users() -> dict[str, User]:
    professions = {p.code: p for p in Profession.objects.all()}
    epcis = {e.siren: e for e in EPCI.objects.filter(siren__in={u[7] for u in DEMO_USERS if u[7]})}
    charter = Charter.current()
    users = {}
    for email, first, last, prof, specialty, fkind, staff, epci in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email)
        user.first_name, user.last_name = first, last
        user.profession = professions.get(prof) if prof else None
        user.specialty = specialty
        user.facilitator_kind = fkind
        user.is_staff = staff
        user.is_superuser = staff
        user.epci = epcis.get(epci) if epci else None
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if fkind and charter is not None:
            CharterAcceptance.objects.get_or_create(user=user, charter=charter)
        users[email] = user
    return users


# name, e-mail, subject, message, sender's demo account (or None for a visitor)
DEMO_CONTACT_MESSAGES = [
    (
        "Gaëlle Le Floch",
        "gaelle.lefloch@exemple.fr",
        ContactSubject.FACILITATION,
        "Bonjour, nous sommes trois infirmières et un médecin à Plouha et aimerions savoir "
        "comment se passe un accompagnement pour créer une ESP.",
        None,
    ),
    (
        "Anne Guillou",
        "infirmiere@demo.gecolib.fr",
        ContactSubject.ACCESSIBILITY,
        "Sur mon téléphone, le tableau des versions du projet de santé était difficile à lire.",
        "infirmiere@demo.gecolib.fr",
    ),
]


def load_contact_messages(users: dict[str, User]) -> None:
    for name, email, subject, body, sender in DEMO_CONTACT_MESSAGES:
        ContactMessage.objects.get_or_create(
            email=email,
            body=body,
            defaults={"name": name, "subject": subject, "user": users.get(sender)},
        )


@transaction.atomic
def load_all() -> dict[str, User]:
    """The demo accounts, then every app's demo data."""
    users = load_users()
    load_contact_messages(users)
    for loader in _loaders:
        loader(users)
    return users
