"""Whether an account is linked to Pro Santé Connect, and what it may do."""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount

from .provider import PROVIDER_ID

# The profile's fields that come from PSC while the account is linked.
VERIFIED_FIELDS = ("first_name", "last_name", "rpps", "profession")


def linked_account(user) -> SocialAccount | None:
    if not user.is_authenticated:
        return None
    return SocialAccount.objects.filter(user=user, provider=PROVIDER_ID).first()


def can_unlink(user) -> bool:
    """Only with a password to sign in with afterwards."""
    return user.has_usable_password()
