"""Demo facilitation activity: a year of requests, facilitations, sessions and
follow-ups across the four Breton departments (fictional; no patient data).

Idempotent: a structure with a facilitation is left alone, other requests are
looked up by requester and project name, extra facilitators, requesters and
small ESP projects by their natural key. Deterministic (random.Random(seed)).

By concept: `people` (facilitators and requesters), `structures` (the teams
facilitated), `activity` (facilitations and their log), `requests` (the
requests still in triage or turned down), `texts` (what everyone writes),
`feedback` (a year of answers to the closed facilitations' questionnaire)."""

from __future__ import annotations

import random

from gecolib.demo import register_demo
from gecolib.models import User

from ..models import Need
from .activity import load_facilitations
from .feedback import load_feedback
from .people import facilitator_pools, requester_accounts
from .requests import load_lookalike_request, load_other_requests

SEED = 2026
TARGET_FACILITATIONS = 60

__all__ = ["SEED", "TARGET_FACILITATIONS", "load"]


@register_demo
def load(users: dict[str, User]) -> None:
    staff = users.get("staff@demo.gecolib.fr") or User.objects.filter(is_staff=True).first()
    pools = facilitator_pools(users)
    requesters = requester_accounts(users)
    professional = users.get("professionnel@demo.gecolib.fr")
    needs = {n.code: n for n in Need.objects.all()}
    load_facilitations(
        rng=random.Random(SEED),
        target=TARGET_FACILITATIONS,
        users=users,
        staff=staff,
        pools=pools,
        requesters=requesters,
        professional=professional,
        needs=needs,
    )
    load_other_requests(
        seed=SEED, requesters=requesters, professional=professional, staff=staff, needs=needs
    )
    load_lookalike_request(requesters=requesters, needs=needs)
    load_feedback(SEED, requesters)
