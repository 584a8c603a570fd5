"""Registries through which apps plug into the core and the hub.

The core lists no feature app, and the hub lists none of the apps built on it.
Instead each app registers what it contributes (dashboard panels, public
figures, demo data, reminder kinds, followers of a structure) from its own
modules, which the core imports with `autodiscover_modules` or which Django
imports with the app's models. Entries come back in the order of
INSTALLED_APPS, whatever the order in which the modules were imported, so that
the hub's demo data is loaded before the data of the apps that depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from django.apps import apps

PLUGIN_MODULES = (
    "access",  # facilitator areas, adherent sources
    "calendar",  # calendar sources
    "dashboard",  # dashboard panels, public figures
    "demo",  # demo data
    "evidence",  # figures shown beside a self-assessment
    "growth",  # large-data generators
    "markdown_previews",  # Markdown preview flavours
    "personal_data",  # account closure steps
    "reminders",  # reminder kinds
)
"""The modules through which apps plug into the core's registries: the
core's AppConfig.ready() imports each app's modules of these names
(`autodiscover_modules`), as the hub's does for its own ("sections",
"followups"). Registries are complete once Django is set up."""

T = TypeVar("T", bound=Callable)


class AppRegistry(Generic[T]):
    """Callables registered by apps, listed in the order of INSTALLED_APPS."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        """Decorator: registers `entry` under its module and name (idempotent)."""
        self._entries[f"{entry.__module__}.{entry.__qualname__}"] = entry
        return entry

    def __iter__(self) -> Iterator[T]:
        order = {config.name: index for index, config in enumerate(apps.get_app_configs())}

        def rank(key: str) -> tuple[int, str]:
            # The app whose package holds the entry ("protocols.rcp" for protocols.rcp.demo.load).
            apps_of = [name for name in order if key.startswith(f"{name}.")]
            return (order[max(apps_of, key=len)] if apps_of else len(order)), key

        return iter(self._entries[key] for key in sorted(self._entries, key=rank))

    def __len__(self) -> int:
        return len(self._entries)
