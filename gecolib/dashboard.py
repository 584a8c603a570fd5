"""The signed-in dashboard and the public home's figures, built from what each
app contributes.

The core lists no feature app: each app's `dashboard.py` registers its panels
(`register_panels`: a function of the user returning (template, context)
pairs) and its public figures (`register_public_figures`: a function returning
a dict). `GecolibConfig.ready()` imports every app's `dashboard` module
(`autodiscover_modules`), in the order of INSTALLED_APPS.

A staff member or facilitator who must still activate a second factor
(`needs_mfa`) sees no app's panel, only the one asking to activate it: the
dashboard shows nothing of the triage queue or of facilitations before the
second factor, even if the access gate were switched off or bypassed.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.db.models import Count, Exists, OuterRef, Q

from .access import needs_mfa
from .account_counts import account_counts
from .models import Charter, CharterAcceptance, User
from .registry import AppRegistry

Panel = tuple[str, dict]
_panel_sources: AppRegistry[Callable[[object], list[Panel]]] = AppRegistry("dashboard panels")
_figure_sources: AppRegistry[Callable[[], dict]] = AppRegistry("public figures")
register_panels = _panel_sources.register
register_public_figures = _figure_sources.register


MFA_PANEL: Panel = ("gecolib/_panel_mfa.html", {})


def panels_for(user) -> list[Panel]:
    """Every app's panels for this user, in the order of INSTALLED_APPS; only
    the second-factor panel while the user must activate it."""
    if needs_mfa(user):
        return [MFA_PANEL]
    return [panel for source in _panel_sources for panel in source(user)]


def public_figures() -> dict:
    """The live figures of the public home page, merged from every app."""
    figures: dict = {}
    for source in _figure_sources:
        figures.update(source())
    return figures


@register_panels
def panels(user) -> list[Panel]:
    """The state of accounts, for staff."""
    if not user.is_staff:
        return []
    # The figures about facilitators and staff read only them (a partial
    # index: a few hundred rows), not every account of the network.
    privileged = User.objects.filter(is_active=True).filter(
        Q(is_staff=True) | ~Q(facilitator_kind="")
    )
    figures = privileged.aggregate(
        facilitators=Count("pk", filter=~Q(facilitator_kind="")),
        charter_pending=Count(
            "pk",
            filter=~Q(facilitator_kind="")
            & ~Exists(
                CharterAcceptance.objects.filter(
                    user=OuterRef("pk"), charter=Charter.current_in_query()
                )
            ),
        ),
        without_mfa=Count(
            "pk",
            filter=~Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        ),
    )
    figures["total"] = account_counts()["active"]
    return [("gecolib/_panel_accounts.html", figures)]
