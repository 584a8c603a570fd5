"""Closing an account (gecolib/personal_data.py): a facilitator still in the
binôme of an open facilitation is replaced by the team first."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from gecolib.personal_data import register_account_closure

from .models import Facilitation


@register_account_closure
def refuse_while_in_a_binome(user) -> None:
    count = Facilitation.objects.open().currently_assigned_to(user).count()
    if count:
        raise ValidationError(
            ngettext(
                "Vous faites partie du binôme d'un accompagnement en cours : demandez "
                "d'abord à l'équipe GECO Lib' de vous remplacer.",
                "Vous faites partie du binôme de %(count)d accompagnements en cours : "
                "demandez d'abord à l'équipe GECO Lib' de vous remplacer.",
                count,
            )
            % {"count": count}
        )
