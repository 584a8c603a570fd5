"""Pro Santé Connect's settings and identity, without a provider: the two
environments' endpoints and their overrides, the RPPS of a national
identifier, the profession of `SubjectRefPro`, the `acr` levels."""

import pytest

from gecolib.psc.conf import acr_satisfies, endpoints
from gecolib.psc.identity import PSCIdentity, rpps_from_national_id, verified_profession
from tests.psc.provider import professional, rpps


def test_production_endpoints():
    ends = endpoints("production", {})
    issuer = "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"
    assert ends["ISSUER"] == issuer
    assert ends["AUTHORIZATION_URL"] == "https://wallet.esw.esante.gouv.fr/auth"
    assert ends["TOKEN_URL"] == issuer + "/protocol/openid-connect/token"
    assert ends["USERINFO_URL"] == issuer + "/protocol/openid-connect/userinfo"
    assert ends["JWKS_URL"] == issuer + "/protocol/openid-connect/certs"
    assert ends["LOGOUT_URL"] == issuer + "/protocol/openid-connect/logout"


def test_sandbox_endpoints_and_overrides():
    ends = endpoints("sandbox", {"AUTHORIZATION_URL": "https://wallet.exemple/auth"})
    assert ends["ISSUER"].startswith("https://auth.bas.psc.esante.gouv.fr/")
    assert ends["AUTHORIZATION_URL"] == "https://wallet.exemple/auth"
    moved = endpoints("sandbox", {"ISSUER": "https://auth.exemple/realms/psc/"})
    assert moved["TOKEN_URL"] == "https://auth.exemple/realms/psc/protocol/openid-connect/token"
    assert moved["AUTHORIZATION_URL"] == "https://wallet.bas.psc.esante.gouv.fr/auth"


def test_unknown_environment_is_refused():
    with pytest.raises(ValueError, match="PSC_ENVIRONMENT"):
        endpoints("recette", {})


VALID = rpps("1010005007")
WRONG_KEY = VALID[:-1] + str((int(VALID[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("national_id", "expected"),
    [
        ("8" + VALID, VALID),
        ("8" + WRONG_KEY, ""),
        ("0" + "123456789", ""),  # ADELI
        ("3" + "1234567890", ""),
        ("", ""),
    ],
)
def test_rpps_from_national_id(national_id, expected):
    assert rpps_from_national_id(national_id) == expected


@pytest.mark.django_db
def test_profession_from_subject_ref_pro():
    identity = PSCIdentity.from_userinfo(professional(profession="60"))
    assert verified_profession(identity).code == "60"
    assert verified_profession(PSCIdentity.from_userinfo({"sub": "x"})) is None
    unknown = PSCIdentity.from_userinfo(professional(profession="9999"))
    assert verified_profession(unknown) is None


def test_acr_levels():
    assert acr_satisfies("eidas1", "eidas1")
    assert acr_satisfies("eidas3", "eidas1")
    assert not acr_satisfies("eidas1", "eidas2")
    assert not acr_satisfies("", "eidas1")
    assert not acr_satisfies(None, "eidas1")
    assert not acr_satisfies("substantiel", "eidas1")
