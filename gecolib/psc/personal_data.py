"""Closing an account (gecolib/personal_data.py): its link to Pro Santé
Connect goes, with the identity PSC sent (names, RPPS, places of practice)."""

from allauth.socialaccount.models import SocialAccount

from ..personal_data import register_account_closure


@register_account_closure
def unlink_psc(user) -> None:
    SocialAccount.objects.filter(user=user).delete()
