"""Evidence from the portal: figures computed from what a team records in the
tools (its RCPs, its protocols, its health project), shown beside a
self-assessment's dimensions while the members answer.

An app that knows such a figure registers a provider, in its own
`evidence.py` module (imported at start-up with the other plug-in modules of
`gecolib.registry.PLUGIN_MODULES`):

    @register_evidence("rcp_held", _("RCP tenues cette année"))
    def rcp_held(structure_ids, today) -> dict[int, Evidence]:
        ...  # one query for all the structures

A provider takes the ids of several structures at once and returns the
`Evidence` of each structure it has a figure for, in a fixed number of
queries whatever their number (a grouped query, not one per structure). The
app that shows the evidence (the self-assessment) only knows the keys a grid
names: it never imports the app that computes them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from .registry import AppRegistry


@dataclass(frozen=True)
class Evidence:
    """One computed figure of one structure: `value` as read (« 4 sur 6 »,
    « 75 % »), `detail` what it counts, `met` whether the target is reached
    (None when there is no target)."""

    key: str
    label: str
    value: str
    detail: str = ""
    met: bool | None = None


Provider = Callable[[Sequence[int], datetime.date], dict[int, Evidence]]

_providers: AppRegistry[Provider] = AppRegistry("evidence")


def register_evidence(key: str, label) -> Callable[[Provider], Provider]:
    """Decorator: registers a provider of the figure `key` (its `label` is
    what staff choose from when they attach evidence to a dimension)."""

    def decorator(provider: Provider) -> Provider:
        provider.evidence_key = key  # type: ignore[attr-defined]
        provider.evidence_label = label  # type: ignore[attr-defined]
        return _providers.register(provider)

    return decorator


def _by_key() -> dict[str, Provider]:
    return {provider.evidence_key: provider for provider in _providers}  # type: ignore[attr-defined]


def evidence_choices() -> list[tuple[str, str]]:
    """(key, label) of every registered figure, in the order of INSTALLED_APPS."""
    return [
        (provider.evidence_key, str(provider.evidence_label))  # type: ignore[attr-defined]
        for provider in _providers
    ]


def evidence_for(
    structure_ids: Iterable[int],
    keys: Iterable[str] | None = None,
    *,
    today: datetime.date | None = None,
) -> dict[int, dict[str, Evidence]]:
    """The figures `keys` (all when None) of each structure: one call per
    provider, whatever the number of structures. Unknown keys are skipped
    (a grid may name a figure whose app is not installed)."""
    today = today or timezone.localdate()
    ids = sorted(set(structure_ids))
    providers = _by_key()
    wanted = list(dict.fromkeys(providers if keys is None else keys))
    result: dict[int, dict[str, Evidence]] = {pk: {} for pk in ids}
    if not ids:
        return result
    for key in wanted:
        provider = providers.get(key)
        if provider is None:
            continue
        for structure_id, evidence in provider(ids, today).items():
            result.setdefault(structure_id, {})[key] = evidence
    return result


def percent(part: int, whole: int) -> int | None:
    """`part` of `whole` as a whole percentage (None for nothing to count)."""
    return round(100 * part / whole) if whole else None
