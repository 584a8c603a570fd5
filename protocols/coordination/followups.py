"""A decision « à formaliser en protocole » (an RCP's, structures/followups.py)
opens the form of a new coordination protocol of the structure, prefilled with
the decision as the title and its origin."""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from structures.followups import DecisionFollowUp, register_decision_followup

from .models import Protocol

TITLE_LENGTH = Protocol._meta.get_field("title").max_length


@register_decision_followup
def write_protocol(structure_id: int, *, text: str, origin: str) -> DecisionFollowUp:
    url = reverse("protocols:protocol_create", kwargs={"structure_pk": structure_id})
    title = Truncator(text).chars(TITLE_LENGTH)
    # Encoded as the template filter `urlencode` does.
    query = f"?title={quote(title, safe='/')}&origin={quote(origin, safe='/')}"
    return DecisionFollowUp(label=_("Rédiger le protocole"), url=url + query)
