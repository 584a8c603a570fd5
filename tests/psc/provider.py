"""A real OpenID Connect provider shaped like Pro Santé Connect, for the tests.

Built with authlib (authorization code grant, PKCE required, OpenID Connect
ID tokens signed RS256 with a key of its own), it runs as two local HTTP
servers in threads of the test process, as PSC does on two hosts:

- the wallet (`http://localhost:<port>/auth`): the authorization endpoint,
  with a page where the person accepts or cancels;
- the Keycloak realm (`http://127.0.0.1:<port>/auth/realms/esante-wallet`):
  token, userinfo (PSC-like: `SubjectNameID`, `SubjectRefPro.exercices[]`),
  JWKS, logout and the metadata at PSC's non-standard
  `.well-known/wallet-openid-configuration` path.

It checks what PSC checks: the client's secret and redirect URI, the scope
(`openid scope_all` only), PKCE S256 (a token request without the right
verifier is refused), the nonce (required), one use per code. A test can make
it misbehave (`id_token_fault`: wrong audience, expired, tampered signature,
wrong nonce) to see the portal refuse.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from stdnum import luhn
from werkzeug.serving import make_server

REALM = "/auth/realms/esante-wallet"
PROTOCOL = REALM + "/protocol/openid-connect"
SCOPES = {"openid", "scope_all"}


def rpps(ten_digits: str) -> str:
    """A valid RPPS (Luhn key) from its first ten digits."""
    return ten_digits + luhn.calc_check_digit(ten_digits)


def professional(
    first_name="Anne",
    last_name="Guillou",
    rpps_number: str | None = None,
    profession="60",
    email: str | None = None,
    national_id: str | None = None,
) -> dict:
    """A PSC userinfo like the sandbox's: `sub` is f:<uuid>:<national id>."""
    number = rpps_number or rpps("1010005007")
    national = national_id or ("8" + number)
    info = {
        "sub": f"f:{uuid.uuid5(uuid.NAMESPACE_URL, national)}:{national}",
        "SubjectNameID": national,
        "preferred_username": national,
        "given_name": first_name,
        "family_name": last_name,
        "SubjectOrganization": "CABINET LIBERAL",
        "SubjectRefPro": {
            "codeCivilite": "MME",
            "exercices": [
                {
                    "codeProfession": profession,
                    "codeCategorieProfessionnelle": "C",
                    "nomDexercice": last_name,
                    "prenomDexercice": first_name,
                    "activities": [
                        {
                            "raisonSocialeSite": "CABINET DE SOINS",
                            "numeroFinessSite": "",
                            "siretSite": "",
                            "libelleCommuneCorrespondance": "VANNES",
                            "codePostalCorrespondance": "56000",
                        }
                    ],
                }
            ],
        },
        "otherIds": [{"identifiant": national, "origine": "RPPS", "qualite": 1}],
    }
    if email:
        info["email"] = email
    return info


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_post", "client_secret_basic")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: dict
    nonce: str
    acr: str
    code_challenge: str
    code_challenge_method: str
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return self.acr

    def get_amr(self):
        return None


class FakePSC:
    """The provider; `start()` runs its two servers, `stop()` ends them."""

    def __init__(self, client_id="gecolib-test", client_secret="secret-de-test") -> None:
        self.client = Client(client_id, client_secret)
        self.key = RSAKey.generate_key(2048, parameters={"kid": "psc-test", "use": "sig"})
        self.identity: dict = professional()
        self.acr = "eidas1"
        self.id_token_fault: str | None = None
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, dict] = {}
        self.authorization_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self.logouts: list[dict] = []
        self._servers: list = []
        self.auth_app = self._auth_app()
        self.wallet_app = self._wallet_app()

    # -- lifecycle --------------------------------------------------------------

    def start(self) -> FakePSC:
        for app, host in ((self.auth_app, "127.0.0.1"), (self.wallet_app, "localhost")):
            server = make_server(host, 0, app, threaded=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
        self.issuer = f"http://127.0.0.1:{self._servers[0].server_port}{REALM}"
        self.authorization_url = f"http://localhost:{self._servers[1].server_port}/auth"
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def endpoints(self) -> dict[str, str]:
        """The portal's PSC_ENDPOINTS for this provider."""
        protocol = self.issuer.replace(REALM, PROTOCOL)
        return {
            "ISSUER": self.issuer,
            "AUTHORIZATION_URL": self.authorization_url,
            "TOKEN_URL": protocol + "/token",
            "USERINFO_URL": protocol + "/userinfo",
            "JWKS_URL": protocol + "/certs",
            "LOGOUT_URL": protocol + "/logout",
        }

    def allow_redirect_uri(self, uri: str) -> None:
        if uri not in self.client.redirect_uris:
            self.client.redirect_uris.append(uri)

    # -- the authorization server ----------------------------------------------

    def _server(self, app: Flask) -> AuthorizationServer:
        provider = self

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "client_secret_basic"]

            def save_authorization_code(self, code, req):
                data = req.payload.data
                provider.codes[code] = Code(
                    code=code,
                    client_id=req.client.client_id,
                    redirect_uri=req.payload.redirect_uri,
                    scope=req.scope,
                    user=dict(req.user),
                    nonce=data.get("nonce", ""),
                    acr=provider.acr,
                    code_challenge=data.get("code_challenge", ""),
                    code_challenge_method=data.get("code_challenge_method", ""),
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                if found and found.client_id == client.client_id:
                    return found
                return None

            def delete_authorization_code(self, authorization_code):
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.user

        class PSCOpenIDCode(OpenIDCode):
            def resolve_client_private_key(self, client):
                return provider.key

            def get_client_algorithm(self, client):
                return "RS256"

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": provider.key.kid}

            def get_client_claims(self, client):
                now = int(time.time())
                return {
                    "iss": provider.issuer,
                    "aud": client.get_client_id(),
                    "iat": now,
                    "exp": now + 300,
                    "jti": uuid.uuid4().hex,
                }

            def exists_nonce(self, nonce, req):
                return any(code.nonce == nonce for code in provider.codes.values())

            def generate_user_info(self, user, scope):
                # The ID token carries the subject and the names; the rest
                # comes from userinfo, as with PSC.
                return UserInfo(
                    sub=user["sub"],
                    preferred_username=user.get("preferred_username"),
                    given_name=user.get("given_name"),
                    family_name=user.get("family_name"),
                )

        def save_token(token, req):
            self.tokens[token["access_token"]] = dict(req.user)

        server = AuthorizationServer(app, query_client=self._query_client, save_token=save_token)
        server.register_grant(
            CodeGrant, [CodeChallenge(required=True), PSCOpenIDCode(require_nonce=True)]
        )
        return server

    def _query_client(self, client_id):
        return self.client if client_id == self.client.client_id else None

    def _auth_app(self) -> Flask:
        app = Flask("fake-psc-auth")
        app.config["OAUTH2_ACCESS_TOKEN_GENERATOR"] = True
        self.server = self._server(app)

        @app.get(REALM + "/.well-known/wallet-openid-configuration")
        def metadata():
            ends = self.endpoints()
            return jsonify(
                issuer=ends["ISSUER"],
                authorization_endpoint=ends["AUTHORIZATION_URL"],
                token_endpoint=ends["TOKEN_URL"],
                userinfo_endpoint=ends["USERINFO_URL"],
                jwks_uri=ends["JWKS_URL"],
                end_session_endpoint=ends["LOGOUT_URL"],
                scopes_supported=sorted(SCOPES),
                response_types_supported=["code"],
                code_challenge_methods_supported=["S256"],
                acr_values_supported=["eidas1"],
                id_token_signing_alg_values_supported=["RS256"],
            )

        @app.post(PROTOCOL + "/token")
        def token():
            self.token_requests.append(request.form.to_dict())
            response = self.server.create_token_response()
            if response.status_code == 200 and self.id_token_fault:
                body = json.loads(response.get_data())
                body["id_token"] = self._faulty(body["id_token"])
                response.set_data(json.dumps(body))
            return response

        @app.get(PROTOCOL + "/userinfo")
        def userinfo():
            header = request.headers.get("Authorization", "")
            user = self.tokens.get(header.removeprefix("Bearer ").strip())
            if not header.startswith("Bearer ") or user is None:
                return jsonify(error="invalid_token"), 401
            return jsonify(user)

        @app.get(PROTOCOL + "/certs")
        def certs():
            return jsonify(keys=[self.key.as_dict(private=False)])

        @app.get(PROTOCOL + "/logout")
        def logout():
            hint = request.args.get("id_token_hint", "")
            try:
                claims = jwt.decode(hint, self.key).claims
            except Exception:  # noqa: BLE001 — any bad hint is refused
                return "invalid id_token_hint", 400
            self.logouts.append({"sub": claims["sub"], **request.args.to_dict()})
            return redirect(request.args["post_logout_redirect_uri"])

        return app

    def _wallet_app(self) -> Flask:
        app = Flask("fake-psc-wallet")

        @app.get("/auth")
        def authorize():
            try:
                self.server.get_consent_grant(end_user=self.identity)
            except Exception as error:  # noqa: BLE001 — shown as PSC would
                return f"Requête refusée : {error}", 400
            action = "/auth?" + urlencode(request.args)
            name = f"{self.identity['given_name']} {self.identity['family_name']}"
            return (
                "<!doctype html><html lang='fr'><title>Pro Santé Connect (test)</title>"
                f"<h1>Pro Santé Connect</h1><p>Identité : {name}</p>"
                f"<form method='post' action='{action}'>"
                "<button name='decision' value='accept'>Valider avec e-CPS</button>"
                "<button name='decision' value='cancel'>Annuler</button></form></html>"
            )

        @app.post("/auth")
        def decide():
            self.authorization_requests.append(request.args.to_dict())
            grant = self.server.get_consent_grant(end_user=self.identity)
            user = self.identity if request.form.get("decision") == "accept" else None
            return self.server.create_authorization_response(grant=grant, grant_user=user)

        return app

    def _faulty(self, id_token: str) -> str:
        claims = jwt.decode(id_token, self.key).claims
        fault = self.id_token_fault
        if fault == "bad_signature":
            head, body, signature = id_token.split(".")
            flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
            return ".".join((head, body, flipped))
        if fault == "wrong_audience":
            claims["aud"] = "un-autre-service"
        elif fault == "expired":
            claims["iat"] = int(time.time()) - 3600
            claims["exp"] = int(time.time()) - 600
        elif fault == "wrong_nonce":
            claims["nonce"] = "pas-le-bon-nonce"
        elif fault == "wrong_issuer":
            claims["iss"] = "https://ailleurs.example/auth/realms/esante-wallet"
        elif fault == "other_key":
            other = RSAKey.generate_key(2048, parameters={"kid": self.key.kid})
            return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, other)
        claims["jti"] = uuid.uuid4().hex
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
