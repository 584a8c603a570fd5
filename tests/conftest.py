"""The fixed cast of the portal's tests, and guardrails.

Cast: staff, facilitator (health professional) and chargé de mission forming the
binôme of `facilitation`, a facilitator outside that binôme, coordinator and
member of `structure`, a member of `other_structure`, a professional with no
structure, and anonymous. Staff and facilitators have TOTP activated and
facilitators accepted the current charter. `tests/matrix.py` runs permission
matrices over this cast.

Guardrails, for every test: undefined template variables fail; each test
gets its own cache key prefix (tests never read each other's cached values,
also when xdist workers share one Redis); an unordered QuerySet given to a
Paginator fails (Django's UnorderedObjectListWarning, an error through
`filterwarnings`), and so does a sliced query without ORDER BY (see
`UnorderedSliceGuard`). tests/test_guardrails.py shows each of them failing.
"""

import sys
import traceback
import uuid
from pathlib import Path

import pytest
from asgiref.local import Local
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches, close_caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.models.query import MAX_GET_RESULTS
from django.db.models.sql.compiler import SQLCompiler
from django.template.base import Template
from django.test import Client, override_settings
from pytest_django.plugin import blocking_manager_key

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
from tests.reference_data import restore_reference_data, take_snapshot


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
    yield


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    fixtures = getattr(item, "fixturenames", ())
    return bool(transactional) or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush of every table, the reference
    rows of the data migrations included: they are put back at once, so that
    the next test of this process finds them, whatever the order in which
    the xdist processes take the tests."""
    yield
    # Only after a test that ran (a skipped one reached no test database) and
    # before another one: after the last, the test database is already gone.
    if nextitem is not None and _is_transactional(item) and hasattr(item, "rep_call"):
        with item.config.stash[blocking_manager_key].unblock():
            restore_reference_data()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as the migrations left it, its reference rows kept
    (tests/reference_data.py) to be put back after each flush."""
    with django_db_blocker.unblock():
        take_snapshot()


def _delete_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """PostgreSQL's flush between transactional tests as DELETEs: the test
    tables hold a few rows, and a TRUNCATE of some 200 tables (a new file for
    each table and index) costs four times as long. The foreign keys are
    deferred: checked once every table is empty. A flush that resets the
    sequences keeps Django's TRUNCATE."""
    if reset_sequences or not tables:
        return _truncate_flush(self, style, tables, reset_sequences=reset_sequences,
                               allow_cascade=allow_cascade)  # fmt: skip
    return ["SET CONSTRAINTS ALL DEFERRED"] + [
        f"DELETE FROM {self.quote_name(table)}" for table in tables
    ]


_truncate_flush = PostgresOperations.sql_flush
PostgresOperations.sql_flush = _delete_flush


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test databases commit without waiting for the disk
    (`synchronous_commit=off`): nothing of them has to survive a crash, and
    the migrations, flushes and transactional tests commit often."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(autouse=True)
def _cache_per_test():
    """Every configured cache gets a key prefix of its own for this test: no
    test sees another's cached values, including those of a test running at
    the same time in another xdist worker on the same Redis (a `clear()`
    there would empty the database under the other worker's feet). The
    test's keys are removed afterwards."""
    prefix = uuid.uuid4().hex[:16]
    use_key_prefix(prefix)
    yield prefix
    for alias in caches.settings:
        _forget_keys(caches[alias])


def use_key_prefix(prefix: str) -> None:
    """From now on, in every thread, each cache of settings.CACHES prefixes
    its keys with its KEY_PREFIX and `prefix`.

    The cache handler is reconfigured, not settings.CACHES: a change of the
    setting made by the `settings` fixture would be undone, and the caches
    built again, before the test's `monkeypatch` puts back what it patched
    on `cache` (pytest-django sets `monkeypatch` up first), and that would
    then land on another object. A test that sets CACHES itself gets its
    own caches, without the prefix."""
    close_caches()
    caches._settings = caches.settings = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}:{prefix}"}
        for alias, config in caches.configure_settings(None).items()
    }
    caches._connections = Local(caches.thread_critical)


def _forget_keys(backend) -> None:
    if isinstance(backend, LocMemCache):
        backend.clear()  # this process's memory: no other test reads it
    elif isinstance(backend, RedisCache):
        try:
            client = backend._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        except Exception:  # noqa: BLE001 - Redis down (tests of the outage): nothing stored there
            pass
    fallback = getattr(backend, "_fallback", None)
    if fallback is not None:
        fallback.clear()


class UnorderedSlice(AssertionError):
    """A sliced SELECT without ORDER BY: which rows it returns is up to the database."""


class UnorderedSliceGuard:
    """Raises `UnorderedSlice` when a SELECT is compiled with an OFFSET, or a
    LIMIT above 1, and no ORDER BY: a page, a "first ten" or `qs[5]` of an
    unordered QuerySet returns rows in whatever order the database picks
    (SQLite and PostgreSQL differ, and PostgreSQL changes with the plan).

    Allowed: LIMIT 1 without offset (`qs[0]`, `exists()`, a `[:1]` subquery:
    "any one row"), the LIMIT 21 of `get()` and of a QuerySet's repr, and
    queries ordered by `order_by()`, `extra(order_by=…)` or the model's
    Meta.ordering (which Django drops from GROUP BY queries: they count as
    unordered, as in `QuerySet.ordered`). Every violation is also recorded,
    so one swallowed by an `except Exception` still fails the test."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    @staticmethod
    def is_unordered_slice(query) -> bool:
        if not query.is_sliced:
            return False
        if query.extra_order_by or query.order_by:
            return False
        meta = query.get_meta()
        if query.default_ordering and meta is not None and meta.ordering and not query.group_by:
            return False
        offset, limit = query.low_mark, query.high_mark
        if offset == 0 and limit is not None and (limit <= 1 or limit == MAX_GET_RESULTS):
            return False
        return True

    def check(self, compiler, with_limits: bool) -> None:
        query = compiler.query
        if not with_limits or not self.is_unordered_slice(query):
            return
        model = query.model.__name__ if query.model is not None else "?"
        where = "".join(
            traceback.format_list(
                [
                    frame
                    for frame in traceback.extract_stack()[:-3]
                    if str(PROJECT_DIR) in frame.filename
                    and "site-packages" not in frame.filename
                    and not frame.filename.endswith("tests/conftest.py")
                ][-4:]
            )
        )
        message = (
            f"Requête découpée sans ORDER BY sur {model} "
            f"(OFFSET {query.low_mark}, LIMIT {query.high_mark}) : ajoutez un order_by() "
            f"(ou une Meta.ordering) pour que le résultat ne dépende pas de la base.\n{where}"
        )
        self.violations.append(message)
        raise UnorderedSlice(message)


@pytest.fixture(autouse=True)
def unordered_slice_guard(request, monkeypatch):
    guard = UnorderedSliceGuard()
    original = SQLCompiler.as_sql

    def as_sql(self, with_limits=True, with_col_aliases=False):
        guard.check(self, with_limits)
        return original(self, with_limits=with_limits, with_col_aliases=with_col_aliases)

    monkeypatch.setattr(SQLCompiler, "as_sql", as_sql)
    yield guard
    rep_call = getattr(request.node, "rep_call", None)
    if guard.violations and not (rep_call is not None and rep_call.failed):
        pytest.fail("\n\n".join(guard.violations), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
        effort = getattr(item, "effort", None)  # a browser journey's (tests/e2e/conftest.py)
        if effort is not None:
            report.user_properties.append(
                ("effort", (effort["pages"], effort["frappes"], effort["clics"]))
            )
    return report


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


def new_staff():
    user = UserFactory(email="staff@exemple.fr", staff=True, first_name="Claire")
    activate_totp(user)
    return user


# Names opening on a vowel: the pages must elide « de » before them
# (tests/french_elision.py).
FACILITATOR_NAMES = {
    "facilitateur@exemple.fr": ("Élodie", "Kerjean"),
    "charge.mission@exemple.fr": ("Armelle", "Le Bras"),
    "facilitateur.ailleurs@exemple.fr": ("Yves", "Ollivier"),
}


def new_facilitator(email: str = "facilitateur@exemple.fr", **roles):
    first_name, last_name = FACILITATOR_NAMES.get(email, ("Océane", "Riou"))
    user = UserFactory(
        email=email,
        first_name=first_name,
        last_name=last_name,
        **(roles or {"facilitator": True}),
    )
    accept_charter(user)
    activate_totp(user)
    return user


def new_structures():
    return StructureFactory(name="ESP des Abers"), StructureFactory(name="ESP de la Rance")


def new_coordinator(structure):
    return MembershipFactory(
        structure=structure,
        coordinator=True,
        user__email="coordination@exemple.fr",
        user__gp=True,
        user__first_name="Anne",
        user__last_name="Guillou",
    ).user


MEMBER_NAMES = {"membre@exemple.fr": ("Étienne", "Le Goff"), "autre@exemple.fr": ("Inès", "Morvan")}


def new_member(structure, email: str = "membre@exemple.fr"):
    first_name, last_name = MEMBER_NAMES.get(email, ("Odile", "Tanguy"))
    return MembershipFactory(
        structure=structure,
        user__email=email,
        user__first_name=first_name,
        user__last_name=last_name,
    ).user


def new_facilitation(structure, facilitator, project_officer):
    facilitation = FacilitationFactory(structure=structure)
    AssignmentFactory(facilitation=facilitation, user=facilitator)
    AssignmentFactory(facilitation=facilitation, user=project_officer)
    return facilitation


def build_world() -> dict:
    """The whole cast at once: every role by name ('anonymous' is None),
    `structure`, `other_structure` and the binôme's `facilitation`."""
    structure, other_structure = new_structures()
    world = {
        "anonymous": None,
        "professional": UserFactory(email="professionnel@exemple.fr"),
        "member": new_member(structure),
        "coordinator": new_coordinator(structure),
        "other_member": new_member(other_structure, "autre@exemple.fr"),
        "facilitator": new_facilitator(),
        "project_officer": new_facilitator("charge.mission@exemple.fr", project_officer=True),
        "outside_facilitator": new_facilitator("facilitateur.ailleurs@exemple.fr"),
        "staff": new_staff(),
        "structure": structure,
        "other_structure": other_structure,
    }
    world["facilitation"] = new_facilitation(
        structure, world["facilitator"], world["project_officer"]
    )
    return world


@pytest.fixture
def staff(db):
    return new_staff()


@pytest.fixture
def facilitator(db):
    return new_facilitator()


@pytest.fixture
def project_officer(db):
    return new_facilitator("charge.mission@exemple.fr", project_officer=True)


@pytest.fixture
def outside_facilitator(db):
    """A health-professional facilitator in no binôme of the cast's structures."""
    return new_facilitator("facilitateur.ailleurs@exemple.fr")


@pytest.fixture
def structure(db):
    return StructureFactory(name="ESP des Abers")


@pytest.fixture
def other_structure(db):
    return StructureFactory(name="ESP de la Rance")


@pytest.fixture
def coordinator(structure):
    return new_coordinator(structure)


@pytest.fixture
def member(structure):
    return new_member(structure)


@pytest.fixture
def other_member(other_structure):
    return new_member(other_structure, "autre@exemple.fr")


@pytest.fixture
def professional(db):
    return UserFactory(email="professionnel@exemple.fr")


@pytest.fixture
def facilitation(structure, facilitator, project_officer):
    return new_facilitation(structure, facilitator, project_officer)


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
def world(cast, structure, other_structure, facilitation):
    """`build_world()`'s dict from this test's own fixtures."""
    return {
        **cast,
        "structure": structure,
        "other_structure": other_structure,
        "facilitation": facilitation,
    }


@pytest.fixture(scope="module")
def module_world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The cast (`build_world()`) and the module's own objects (its
    `module_context(world)`, under the key "ctx"), built once for all the
    tests of a module, as Django's `TestCase.setUpTestData` does: inside a
    transaction rolled back after the module's last test, each test in a
    savepoint of it (pytest-django's `db`), so that what a test changes is
    undone for the next. The permission matrices and the fuzz test open a
    page thousands of times over the same objects: built once, not for each
    cell. A test of such a module takes its objects from here, never from
    the function-scoped fixtures above (the same e-mails would clash).
    Files uploaded go to a MEDIA_ROOT of the module's own."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # durable blocks may nest in it, as in a TestCase
        outer.__enter__()
        try:
            world = build_world()
            build = getattr(request.module, "module_context", None)
            world["ctx"] = build(world) if build else {}
            world["sessions"] = signed_in_sessions(world)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    media.disable()


def signed_in_sessions(world: dict) -> dict[int, str]:
    """A session key for each person of a module's cast, made once with the
    module's objects: a test signs in by carrying the cookie
    (`tests.matrix.sign_in`), instead of writing a session and the
    sign-in's traces for each cell. What a test changes in its session is
    rolled back with the rest of the test."""
    keys: dict[int, str] = {}
    for person in world.values():
        if isinstance(person, get_user_model()) and person.pk not in keys:
            signer = Client()
            signer.force_login(person)
            keys[person.pk] = signer.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as user (or anonymous for None)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


def pytest_terminal_summary(terminalreporter):
    """Each browser journey's cost to its users (tests/e2e/conftest.py
    `count_effort`). Here, not in tests/e2e/: the xdist controller, which
    reports, loads only this conftest."""
    rows = sorted(
        (report.nodeid.split("::")[-1], value)
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "effort"
    )
    if rows:
        terminalreporter.section("Effort des parcours (pages chargées, frappes, clics)")
        for name, (pages, keys, clicks) in rows:
            terminalreporter.write_line(f"{name} : {pages} pages, {keys} frappes, {clicks} clics")
