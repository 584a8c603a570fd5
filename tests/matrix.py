"""Permission matrices: the fixed cast of tests/conftest.py against every URL.

A matrix module (`tests/<app>/test_permissions.py`, `tests/protocols/rcp/…`) declares its cases and
builds one parametrised test from them::

    CASES = [
        get("structures:edit", expect(403, coordinator=200, staff=200), pk="structure"),
        post("structures:invite", MANAGE_POST, pk="structure", data={"email": "a@b.fr"}),
    ]
    def module_context(world):
        return {"structure": world["structure"], "invitation": InvitationFactory(...)}

    test_permission_matrix = matrix_test(CASES)

- `module_context(world)` builds the module's objects from the cast
  (`build_world()` of tests/conftest.py: the roles, `structure`,
  `other_structure`, `facilitation`), once for the module; its dict is the
  `ctx` of the cases: `pk="structure"` is short for `kwargs={"pk": ctx["structure"].pk}`;
  `kwargs` and `data` are dicts or functions of that dict.
- An expected result is an HTTP status — 200, 302 (a redirect that is not to
  the login, TOTP or charter page: the action was done), 403 (seen, not
  allowed), 404 (not visible), 405 (wrong method) — or a URL name, meaning a
  redirect to that page (`LOGIN`: the login page).
- `expect(default, **codes)` gives a result for every role of `ROLES`;
  anonymous defaults to `LOGIN`.

Every URL name a matrix tests is recorded in `COVERED`:
tests/test_urls_in_matrix.py fails for a named route of the project that is
in no matrix. `project_routes()` lists those routes, with sample URLs.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from gecolib.idempotency import TOKEN_FIELD, new_token
from tests.french_elision import missing_elisions
from tests.html_ids import duplicate_ids
from tests.one_time_tokens import forms_missing_token
from tests.tagged_pdfs import pdf_accessibility_faults

ROLES = (
    "anonymous",
    "professional",  # signed up, member of no structure
    "member",  # member of `structure`
    "coordinator",  # coordinator of `structure`
    "other_member",  # member of `other_structure`
    "facilitator",  # health-professional facilitator of the binôme of `facilitation`
    "project_officer",  # chargé de mission of that binôme
    "outside_facilitator",  # a facilitator in no binôme of `structure`
    "staff",
)

LOGIN = "account_login"
# Redirects that mean "not let in": a plain 302 must not go there.
GATES = (LOGIN, "mfa_activate_totp", "charter_accept")

Expected = int | str
Builder = Mapping[str, Any] | Callable[[dict], Mapping[str, Any]] | None

COVERED: set[str] = set()
"""URL names (with namespace) tested by at least one matrix."""

MATRIX_MODULES = "test_permissions*.py"
"""Where the matrices live, in any folder under tests/ (an app may split its
matrix by concept: test_permissions_<concept>.py)."""


def expect(default: Expected, *, anonymous: Expected = LOGIN, **codes: Expected) -> dict:
    """The expected result of every role: `codes` for those named, `default`
    for the others (anonymous: `LOGIN` unless given)."""
    unknown = set(codes) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return {"anonymous": anonymous} | {
        role: codes.get(role, default) for role in ROLES if role != "anonymous"
    }


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    expected: Mapping[str, Expected]
    kwargs: Builder = None
    data: Builder = None
    label: str = ""

    def url(self, ctx: dict) -> str:
        return reverse(self.name, kwargs=_build(self.kwargs, ctx))

    def payload(self, ctx: dict) -> dict:
        data = dict(_build(self.data, ctx))
        if self.method == "post":
            # What a page's form would send: a fresh one-time token (a matrix
            # tests who may act; tests/one_time_tokens.py that forms carry it).
            data.setdefault(TOKEN_FIELD, new_token())
        return data


def _build(builder: Builder, ctx: dict) -> Mapping[str, Any]:
    if builder is None:
        return {}
    return builder(ctx) if callable(builder) else builder


def _case(method: str, name: str, expected, *, pk=None, kwargs=None, data=None, label=None):
    if set(expected) != set(ROLES):
        raise ValueError(f"{name}: expected results must name every role (use expect())")
    if pk is not None:
        kwargs = _with_pk(pk, kwargs)
    return Case(name, method, expected, kwargs, data, label or f"{name}-{method}")


def _with_pk(key: str, extra: Builder) -> Callable[[dict], dict]:
    return lambda ctx: {"pk": ctx[key].pk, **_build(extra, ctx)}


def get(name: str, expected: Mapping[str, Expected], **options) -> Case:
    return _case("get", name, expected, **options)


def post(name: str, expected: Mapping[str, Expected], **options) -> Case:
    return _case("post", name, expected, **options)


def version_cases(
    name: str,
    *,
    read: Mapping[str, Expected],
    restore: Mapping[str, Expected],
    restore_get: Mapping[str, Expected],
    pk: str | None = None,
    kwargs: Builder = None,
    compare: tuple[str, str] = ("1", "2"),
) -> list[Case]:
    """The rows of a versioned document's routes (`gecolib.views.revisions.version_urls`,
    named `<name>_versions`, `_version`, `_compare`, `_restore`): the list,
    version 1 and the comparison of `compare` for `read`; restoring version 1
    for `restore`; the restore route asked with GET for `restore_get` (405, or
    the refusal for who may not restore when the access check comes first)."""
    base = _with_pk(pk, kwargs) if pk is not None else kwargs

    def numbered(ctx: dict) -> dict:
        return {**_build(base, ctx), "number": 1}

    return [
        get(f"{name}_versions", read, kwargs=base),
        get(f"{name}_version", read, kwargs=numbered),
        get(f"{name}_compare", read, kwargs=base, data={"a": compare[0], "b": compare[1]}),
        post(f"{name}_restore", restore, kwargs=numbered),
        get(f"{name}_restore", restore_get, kwargs=numbered),
    ]


def matrix_test(cases: list[Case]):
    """A test parametrised over every case × every role of `ROLES`. The cast
    and the module's `module_context(world)` are built once for the module
    (the `module_world` fixture of tests/conftest.py), each cell in a
    savepoint rolled back after it."""
    labels = [case.label for case in cases]
    duplicates = {label for label in labels if labels.count(label) > 1}
    if duplicates:
        raise ValueError(f"Give these cases a distinct label: {sorted(duplicates)}")
    COVERED.update(case.name for case in cases)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("case", cases, ids=labels)
    def test(module_world, client, case: Case, role: str):
        ctx = module_world["ctx"]
        sign_in(client, module_world, module_world[role])
        response = getattr(client, case.method)(case.url(ctx), case.payload(ctx))
        check(response, case.expected[role], f"{case.label} as {role}")
        if case.method == "get" and response.status_code == 200:
            repeated = duplicate_ids(response)
            if survey := os.environ.get("GECOLIB_ID_SURVEY"):
                with open(survey, "a") as out:
                    out.writelines(f"{name}\t{case.label}\n" for name in repeated)
            else:
                assert not repeated, f"{case.label} as {role}: ids used twice: {repeated}"
            missing = forms_missing_token(response)
            if survey := os.environ.get("GECOLIB_TOKEN_SURVEY"):
                with open(survey, "a") as out:
                    out.writelines(f"{name}\t{case.label}\n" for name in missing)
            else:
                assert not missing, (
                    f"{case.label} as {role}: forms posting to {missing} carry no one-time "
                    "token (tests/one_time_tokens.py)"
                )
            not_elided = missing_elisions(response)
            if survey := os.environ.get("GECOLIB_ELISION_SURVEY"):
                with open(survey, "a") as out:
                    out.writelines(f"{case.label}\t{role}\t{text}\n" for text in not_elided)
            else:
                assert not not_elided, (
                    f"{case.label} as {role}: « de », « le », « la » not elided: {not_elided}"
                )
            faults = pdf_accessibility_faults(response)
            assert not faults, f"{case.label} as {role}: PDF not tagged: {faults}"

    # Read by other checks that walk every matrix (tests/e2e/test_accessibility.py).
    test.matrix_cases = cases
    return test


def sign_in(client, world: dict, user) -> None:
    """`client` signed in as `user` (anonymous for None) with the session the
    module's cast made for them (tests/conftest.py `signed_in_sessions`)."""
    client.cookies = SimpleCookie()
    if user is None:
        return
    key = world["sessions"].get(user.pk)
    if key is None:  # a person the module added after its cast
        client.force_login(user)
    else:
        client.cookies[settings.SESSION_COOKIE_NAME] = key


def check(response, expected: Expected, label: str) -> None:
    if isinstance(expected, str):
        assert response.status_code == 302, f"{label}: {response.status_code}, not 302"
        target = urlparse(response["Location"]).path
        assert target == reverse(expected), f"{label}: sent to {target}, not {expected}"
        return
    assert response.status_code == expected, f"{label}: {response.status_code}, not {expected}"
    if expected == 302:
        target = urlparse(response["Location"]).path
        assert target not in {reverse(name) for name in GATES}, f"{label}: sent to {target}"


def cells(cases: list[Case]) -> int:
    return len(cases) * len(ROLES)


# -- the project's routes ---------------------------------------------------------------

THIRD_PARTY_PREFIXES = ("accounts/", "admin/")
"""allauth and the Django admin: not ours to test route by route (the admin
index has one matrix entry)."""


@dataclass(frozen=True)
class Route:
    name: str | None  # with its namespace, e.g. "structures:edit"
    pattern: str
    kwargs: tuple[str, ...] = field(default=())

    @property
    def third_party(self) -> bool:
        return self.pattern.startswith(THIRD_PARTY_PREFIXES)

    def sample_url(self) -> str:
        """The route with every argument set to a sample value ("1", a UUID, or
        an app label for the admin's app pages): enough to reach the middleware."""
        candidates = [
            "1",
            "00000000-0000-0000-0000-000000000001",
            *(config.label for config in apps.get_app_configs()),
        ]
        for value in candidates:
            try:
                return reverse(self.name, kwargs=dict.fromkeys(self.kwargs, value))
            except NoReverseMatch:
                continue
        raise LookupError(f"No sample URL for {self.name} ({self.pattern})")


def project_routes() -> list[Route]:
    """Every URL pattern of the project, walked down from the root URLconf."""
    return list(_walk(get_resolver().url_patterns, "", None, ()))


def _walk(patterns, prefix: str, namespace: str | None, kwargs: tuple[str, ...]):
    for entry in patterns:
        route = prefix + str(entry.pattern).lstrip("^").removesuffix("$")
        names = kwargs + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner, names)
        elif isinstance(entry, URLPattern):
            if getattr(entry.callback, "moved_from", None) is not None:
                continue  # a former address: a redirect to a route tested here
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name, route, names)


def import_matrices() -> set[str]:
    """Import every matrix module, so that `COVERED` is complete."""
    tests_dir = Path(__file__).resolve().parent
    for path in sorted(tests_dir.rglob(MATRIX_MODULES)):
        module = ".".join(path.relative_to(tests_dir.parent).with_suffix("").parts)
        importlib.import_module(module)
    return COVERED
