"""How many accounts the network has: counted once, kept in the cache.

The staff dashboard and the user list show these totals on every visit;
counting tens of thousands of accounts each time would read the whole table.
The figures are forgotten when an account is created, deleted or (de)activated
(a sign-in, which saves `last_login` only, changes nothing), and after ten
minutes in any case (bulk writes send no signal; `forget_account_counts()`
is called after them).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save

from .models import User

KEY = "accounts:counts"
TIMEOUT = 10 * 60


def account_counts() -> dict[str, int]:
    """{"all": every account, "active": the active ones}. One query at most."""
    counts = cache.get(KEY)
    if counts is None:
        counts = User.objects.aggregate(
            all=Count("pk"), active=Count("pk", filter=Q(is_active=True))
        )
        cache.set(KEY, counts, TIMEOUT)
    return counts


def forget_account_counts(**kwargs) -> None:
    """Forget the totals (also a receiver of `post_delete`)."""
    cache.delete(KEY)


def _account_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if created or update_fields is None or "is_active" in update_fields:
        forget_account_counts()


def connect() -> None:
    """Called by the app's ready(): the receivers that keep the counts honest."""
    post_save.connect(_account_saved, sender=User, dispatch_uid="account-counts-saved")
    post_delete.connect(forget_account_counts, sender=User, dispatch_uid="account-counts-deleted")
