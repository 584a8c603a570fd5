"""The fixed cast of the portal's tests, and guardrails.

Cast: staff, facilitator (health professional) and chargé de mission forming the
binôme of `facilitation`, a facilitator outside that binôme, coordinator and
member of `structure`, a member of `other_structure`, a professional with no
structure, and anonymous. Staff and facilitators have TOTP activated and
facilitators accepted the current charter. `tests/matrix.py` runs permission
matrices over this cast.
"""

import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.template.base import Template

from gecolib.celery import app as celery_app
from tests.factories import (
    AssignmentFactory,
    FacilitationFactory,
    MembershipFactory,
    StructureFactory,
    UserFactory,
    accept_charter,
    activate_totp,
)


@pytest.fixture(autouse=True)
def _guardrails(settings, tmp_path):
    # Fail on undefined template variables instead of rendering them as "".
    for template in settings.TEMPLATES:
        template["OPTIONS"]["string_if_invalid"] = InvalidVarException("%s")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GECOLIB_PDF_CACHE_DIR = tmp_path / "pdf-cache"
    settings.GECOLIB_EXPORTS_DIR = tmp_path / "exports"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in-process in unit tests; tests/gecolib/test_celery.py runs a real worker.
    celery_app.conf.task_always_eager = True
    cache.clear()
    yield
    cache.clear()


class InvalidVarException(str):
    """string_if_invalid that raises, so a typo in one of the portal's own
    templates fails the test (third-party templates are left alone)."""

    def __mod__(self, missing):
        origin = _current_template_origin()
        if origin and str(PROJECT_DIR) in origin and "site-packages" not in origin:
            raise AssertionError(f"Variable de gabarit inconnue : {missing!r} dans {origin}")
        return ""

    def __contains__(self, search):
        return search == "%s"


PROJECT_DIR = Path(__file__).resolve().parent.parent


def _current_template_origin() -> str | None:
    frame = sys._getframe(2)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, Template):
            return candidate.origin.name if candidate.origin else None
        frame = frame.f_back
    return None


@pytest.fixture
def staff(db):
    user = UserFactory(email="staff@exemple.fr", staff=True, first_name="Claire")
    activate_totp(user)
    return user


@pytest.fixture
def facilitator(db):
    user = UserFactory(email="facilitateur@exemple.fr", facilitator=True)
    accept_charter(user)
    activate_totp(user)
    return user


@pytest.fixture
def project_officer(db):
    user = UserFactory(email="charge.mission@exemple.fr", project_officer=True)
    accept_charter(user)
    activate_totp(user)
    return user


@pytest.fixture
def outside_facilitator(db):
    """A health-professional facilitator in no binôme of the cast's structures."""
    user = UserFactory(email="facilitateur.ailleurs@exemple.fr", facilitator=True)
    accept_charter(user)
    activate_totp(user)
    return user


@pytest.fixture
def structure(db):
    return StructureFactory(name="ESP des Abers")


@pytest.fixture
def other_structure(db):
    return StructureFactory(name="ESP de la Rance")


@pytest.fixture
def coordinator(structure):
    return MembershipFactory(
        structure=structure, coordinator=True, user__email="coordination@exemple.fr", user__gp=True
    ).user


@pytest.fixture
def member(structure):
    return MembershipFactory(structure=structure, user__email="membre@exemple.fr").user


@pytest.fixture
def other_member(other_structure):
    return MembershipFactory(structure=other_structure, user__email="autre@exemple.fr").user


@pytest.fixture
def professional(db):
    return UserFactory(email="professionnel@exemple.fr")


@pytest.fixture
def facilitation(structure, facilitator, project_officer):
    facilitation = FacilitationFactory(structure=structure)
    AssignmentFactory(facilitation=facilitation, user=facilitator)
    AssignmentFactory(facilitation=facilitation, user=project_officer)
    return facilitation


@pytest.fixture
def cast(
    staff,
    facilitator,
    project_officer,
    outside_facilitator,
    coordinator,
    member,
    other_member,
    professional,
):
    """Every role, by name, for permission matrices ('anonymous' is None)."""
    return {
        "anonymous": None,
        "professional": professional,
        "member": member,
        "coordinator": coordinator,
        "other_member": other_member,
        "facilitator": facilitator,
        "project_officer": project_officer,
        "outside_facilitator": outside_facilitator,
        "staff": staff,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as user (or anonymous for None)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
