"""Dashboard panel of the core app: the state of accounts, for staff."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db.models import Count, Exists, OuterRef, Q

from .models import Charter, CharterAcceptance, User


def panels(user) -> list[tuple[str, dict]]:
    if not user.is_staff:
        return []
    charter = Charter.current()
    figures = User.objects.filter(is_active=True).aggregate(
        total=Count("pk"),
        facilitators=Count("pk", filter=~Q(facilitator_kind="")),
        charter_pending=Count(
            "pk",
            filter=~Q(facilitator_kind="")
            & ~Exists(CharterAcceptance.objects.filter(user=OuterRef("pk"), charter=charter)),
        ),
        without_mfa=Count(
            "pk",
            filter=(Q(is_staff=True) | ~Q(facilitator_kind=""))
            & ~Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        ),
    )
    return [("gecolib/_panel_accounts.html", figures)]
