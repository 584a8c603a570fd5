"""Closing an account (gecolib/personal_data.py): the person's memberships
end today; the last coordinator of a team must first name another one."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.personal_data import register_account_closure

from .models import Membership


@register_account_closure
def end_memberships(user) -> None:
    for membership in Membership.objects.current().filter(user=user).select_related("structure"):
        if membership.end_date is not None:  # ends later: brought forward to today
            membership.end_date = max(timezone.localdate(), membership.start_date)
            membership.save(update_fields=["end_date"])
            continue
        try:
            membership.end(by=user)
        except ValidationError as error:
            raise ValidationError(
                _("%(structure)s : %(reason)s")
                % {"structure": membership.structure.name, "reason": " ".join(error.messages)}
            ) from error
