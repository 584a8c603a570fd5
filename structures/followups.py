"""What a decision taken about a structure can lead to in the apps built on the hub.

An RCP decision may be « à formaliser en protocole »: the app that keeps the
coordination protocols offers to write that protocol, prefilled, without the
RCP app knowing that app. An app registers such a follow-up from a module it
imports when it is ready:

    @register_decision_followup
    def write_protocol(structure_id, *, text, origin) -> DecisionFollowUp | None:
        ...  # None when the app offers nothing for this decision

`text` is the decision's text, `origin` says where it was taken ("Décision de
la RCP du 3 mars 2026"). `decision_followups()` lists what the apps offer, in
the order of INSTALLED_APPS; the app that shows the decision decides who sees
the links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gecolib.registry import AppRegistry


@dataclass(frozen=True)
class DecisionFollowUp:
    label: str
    url: str


FollowUpSource = Callable[..., "DecisionFollowUp | None"]

_followups: AppRegistry[FollowUpSource] = AppRegistry("decision follow-ups")
register_decision_followup = _followups.register


def decision_followups(structure_id: int, *, text: str, origin: str) -> list[DecisionFollowUp]:
    """What the apps offer to do with a decision taken about the structure."""
    found = (source(structure_id, text=text, origin=origin) for source in _followups)
    return [followup for followup in found if followup is not None]
