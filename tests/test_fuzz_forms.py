"""Fuzzing every form of the portal (issue 8, point 14): generated input —
random unicode text, huge strings, numbers, dates in odd formats, missing
fields, lists of values — posted to every route of the project as a staff
member and as a coordinator. Bad input must get an answer (a form with
errors, 403, 404, 405, a redirect), never a server error.

The fields come from the forms the views use: each route is first asked for
with GET, and every form and formset of its context gives its field names
(with their prefixes); the URLs point at real objects of a small portal so the
views reach their forms. Heavy, so it runs once, in the PostgreSQL pass of CI
(`DATABASE_URL` set): PostgreSQL is the stricter of the two (it refuses some
input SQLite accepts, such as NUL bytes).
"""

import importlib
import inspect
import os
import pkgutil
import re

import pytest
from django import forms
from django.db import connection
from django.forms.formsets import BaseFormSet
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import CalendarFeedToken, Charter
from protocols.cooperation.models import NationalProtocol
from structures.enums import HealthProjectSection as Section
from structures.models import HealthProject, Membership
from tests.facilitations.factories import (
    FacilitationRequestFactory,
    FollowUpFactory,
    SessionFactory,
)
from tests.guide.factories import make_page
from tests.matrix import project_routes
from tests.protocols.cooperation.factories import DeclarationFactory
from tests.protocols.coordination.factories import IndicatorFactory, protocol_with_steps
from tests.protocols.rcp.factories import AgendaItemFactory, DecisionFactory, MeetingFactory
from tests.structures.factories import (
    CarpecReviewFactory,
    CarpecSessionFactory,
    InvitationFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL"),
        reason="fuzzing lourd : il ne tourne qu'une fois, dans la passe PostgreSQL "
        "(DATABASE_URL défini)",
    ),
]

ROUTES = [route for route in project_routes() if route.name and not route.third_party]

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999",
    "2025-02-30",
    "31/12/2025",
    "12/31/2025",
    "0000-00-00",
    "2025-13-01",
    "9999-12-31",
    "0001-01-01",
    "1 janvier 2025",
    "on",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    '=HYPERLINK("http://x","y")',
    "1 85 05 78 006 084 91",
]
VALUE = st.one_of(
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(
            min_codepoint=0x80, max_codepoint=0x2FFFF, exclude_categories=("Cs",)
        ),
        max_size=20,
    ),
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.integers(min_value=1, max_value=200_000).map(lambda size: "é" * size),
)
FIELD_VALUE = st.one_of(VALUE, st.lists(VALUE, min_size=0, max_size=3))


FORM_MODULES = (
    "gecolib.forms",
    "gecolib.account_forms",
    "structures.forms",
    "facilitations.forms",
    "protocols.coordination.forms",
    "protocols.cooperation.forms",
    "protocols.rcp.forms",
    "guide.forms",
    "guide.importing.forms",
)
TEAM_TOOLS = ("guide:", "protocols:", "cooperation:", "rcp:")
"""After fuzzing a route of these, when the fuzz stored something, the pages
that read the team's data are opened again: what it managed to store (a date
at the edge, a huge count, odd text) must not break them."""

WRITES = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
NOT_TEAM_DATA = {"django_session", "gecolib_formsubmission"}
"""Written by every signed-in POST (the session, the one-time token spent)."""
SIGN_IN = re.compile(r'^UPDATE "gecolib_user" SET "last_login" = %s WHERE')


class StoredTables:
    """A database execute wrapper that notes the tables a statement writes
    to, besides the session and the spent one-time tokens, and the sign-in's
    `last_login`."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        found = WRITES.match(sql)
        if found and found.group(1) not in NOT_TEAM_DATA and not SIGN_IN.match(sql):
            self.tables.add(found.group(1))
        return execute(sql, params, many, context)


def project_form_fields() -> list[str]:
    """Every field name of every form class of the portal: posted (each
    field or not, at random) to the routes that have no page of their own —
    the POST-only actions whose form sits on another page."""
    names: set[str] = set()
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        modules = [module]
        if hasattr(module, "__path__"):
            modules += [
                importlib.import_module(f"{module_name}.{info.name}")
                for info in pkgutil.iter_modules(module.__path__)
            ]
        for candidate in modules:
            for _name, cls in inspect.getmembers(candidate, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.startswith(module_name):
                    names.update(cls.base_fields)
    return sorted(names)


def form_fields(context) -> list[str]:
    """The names (with prefixes) of every field of the forms and formsets a
    page was rendered with."""
    names: set[str] = set()

    def add_form(form: forms.BaseForm) -> None:
        names.update(form.add_prefix(name) for name in form.fields)

    if context is None:
        return []
    # One Context, or a ContextList when the page includes other templates.
    contexts = context if isinstance(context, list) else [context]
    values = [value for ctx in contexts for value in ctx.flatten().values()]
    for value in values:
        if isinstance(value, BaseFormSet):
            add_form(value.management_form)
            for form in value.forms:
                add_form(form)
            add_form(value.empty_form)
        elif isinstance(value, forms.BaseForm):
            add_form(value)
    return sorted(names)


ALL_FIELDS = project_form_fields()


COOPERATION_STRUCTURE_ROUTES = {
    "cooperation:structure",
    "cooperation:declare",
    "cooperation:export",
}


def module_context(world):
    """Real objects for every route argument, built once for the module
    (`module_world`): each route's fuzzing is undone before the next."""
    structure, coordinator, member = world["structure"], world["coordinator"], world["member"]
    facilitation, facilitator, staff = world["facilitation"], world["facilitator"], world["staff"]
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes.", by=coordinator)
    project.save_section(Section.TERRITORY, "Treize communes.", by=member)
    request = FacilitationRequestFactory(requester=coordinator, structure=structure)
    session = SessionFactory(facilitation=facilitation, created_by=facilitator)
    follow_up = FollowUpFactory(facilitation=facilitation)
    review = CarpecReviewFactory(structure=structure, session=CarpecSessionFactory())
    invitation = InvitationFactory(structure=structure)
    membership = Membership.objects.get(user=member, structure=structure)
    guide_page = make_page("Fiche à fuzzer", body="Texte.", by=staff)
    protocol = protocol_with_steps(2, structure=structure)
    protocol.save_revision(by=coordinator)
    indicator = IndicatorFactory(protocol=protocol)
    declaration = DeclarationFactory(structure=structure)
    participant = declaration.participants.create(user=member, role="delegue")
    rcp_meeting = MeetingFactory(structure=structure, past=True)
    rcp_item = AgendaItemFactory(meeting=rcp_meeting)
    rcp_decision = DecisionFactory(meeting=rcp_meeting, owner=member)
    by_name = {
        "user_role": member.pk,
        "structures:carpec_session": review.session.pk,
        "structures:carpec_review_outcome": review.pk,
        "facilitations:session_edit": session.pk,
        "facilitations:followup_toggle": follow_up.pk,
        # Background exports are addressed by UUID (an unknown one: 404).
        "export_job": "6f1c9a52-1d5e-4c44-9a39-2f0b7e2c1a11",
        "export_job_progress": "6f1c9a52-1d5e-4c44-9a39-2f0b7e2c1a11",
        "export_job_file": "6f1c9a52-1d5e-4c44-9a39-2f0b7e2c1a11",
        "rcp:item_edit": rcp_item.pk,
        "rcp:item_delete": rcp_item.pk,
        "rcp:decision_close": rcp_decision.pk,
    }
    values = {
        "membership_pk": membership.pk,
        "invitation_pk": invitation.pk,
        "participant_pk": participant.pk,
        "token": invitation.token,
        "section": Section.TERRITORY.value,
        "action": "submit",
        "slug": guide_page.slug,
        "structure_pk": structure.pk,
        "indicator_pk": indicator.pk,
        "fmt": "csv",
        "flavour": "guide",
    }

    def url(route) -> str:
        kwargs = {}
        for name in route.kwargs:
            if name == "pk":
                if route.name in by_name:
                    kwargs[name] = by_name[route.name]
                elif route.name.startswith("cooperation:protocol"):
                    kwargs[name] = NationalProtocol.objects.get(code="angine").pk
                elif route.name in COOPERATION_STRUCTURE_ROUTES:
                    kwargs[name] = structure.pk
                elif route.name.startswith("cooperation:"):
                    kwargs[name] = declaration.pk
                elif route.name.startswith("protocols:"):
                    kwargs[name] = protocol.pk
                elif route.name.startswith("structures:"):
                    kwargs[name] = structure.pk
                elif route.name.startswith("rcp:"):
                    in_structure = "/structures/" in route.pattern
                    kwargs[name] = structure.pk if in_structure else rcp_meeting.pk
                elif route.name.startswith("facilitations:request_"):
                    kwargs[name] = request.pk
                else:
                    kwargs[name] = facilitation.pk
            elif name == "number":
                kwargs[name] = Charter.current().number if route.name.startswith("charter") else 1
            elif name == "action" and route.name.startswith("protocols:protocol_"):
                kwargs[name] = "archive"
            else:
                kwargs[name] = values[name]
        return reverse(route.name, kwargs=kwargs)

    feeds = {
        role: CalendarFeedToken.renew(user).token
        for role, user in (("staff", staff), ("coordinator", coordinator))
    }

    def readers(role: str) -> list[str]:
        return [
            reverse("rcp:index"),
            reverse("rcp:structure", args=[structure.pk]),
            reverse("rcp:decisions", args=[structure.pk]),
            reverse("rcp:meeting", args=[rcp_meeting.pk]),
            reverse("protocols:index"),
            reverse("protocols:library"),
            protocol.get_absolute_url(),
            reverse("cooperation:structure", args=[structure.pk]),
            reverse("cooperation:declaration", args=[declaration.pk]),
            reverse("guide:index"),
            reverse("guide:page", args=[guide_page.slug]),
            reverse("structures:detail", args=[structure.pk]),
            reverse("calendar_feed", args=[feeds[role]]),
        ]

    return {"url": url, "staff": staff, "coordinator": coordinator, "readers": readers}


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_generated_input_never_gets_a_server_error(client, settings, module_world, route):
    settings.GECOLIB_REQUIRE_MFA = True
    portal = module_world["ctx"]
    url = portal["url"](route)
    stored = StoredTables()
    with connection.execute_wrapper(stored):
        for role in ("staff", "coordinator"):
            client.force_login(portal[role])
            page = client.get(url)
            assert page.status_code < 500, f"GET {url} as {role}: {page.status_code}"
            fields = form_fields(page.context) if page.status_code == 200 else []
            if page.status_code == 405:  # a POST-only action: its form is on another page
                fields = ALL_FIELDS
            fuzz(client, url, role, fields + ["x"])
    if route.name.startswith(TEAM_TOOLS) and stored.tables:
        for role in ("staff", "coordinator"):
            client.force_login(portal[role])
            for reader in portal["readers"](role):
                response = client.get(reader)
                assert response.status_code < 500, f"GET {reader} after {url}: 500"


def fuzz(client, url: str, role: str, fields: list[str]) -> None:
    payloads = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, FIELD_VALUE))

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(payload=payloads, htmx=st.booleans())
    def post(payload, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        # A valid one-time token where the form has one, so the input
        # reaches the form's validation (and what it stores, the pages).
        for name in fields:
            if name.split("-")[-1] == TOKEN_FIELD:
                payload[name] = new_token()
        response = client.post(url, payload, headers=headers)
        assert response.status_code < 500, f"POST {url} as {role} {payload!r}"

    post()
