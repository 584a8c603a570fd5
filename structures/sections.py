"""What the apps built on the hub add to a structure's pages.

The hub knows nothing of the apps built on it: an app that has something to
show on a structure's page (its protocols, its RCP figures) registers a
section source from its own `sections.py` module (imported with
`autodiscover_modules("sections")` when the hub is ready):

    @register_structure_section
    def protocols(request, structure, private) -> StructureSection | None:
        ...  # None when there is nothing to show to this user

An app whose data belongs in a section of the health project (the protocols
and RCPs in "RCP et protocoles") registers a health-project insert, shown under
the section's text on the page and in the PDF:

    @register_health_project_insert
    def protocols_list(structure, section) -> StructureSection | None: ...

A section is a template and its context. On the structure's page the template
is included with it as `section` (`{{ section.context.protocols }}`…); under a
health-project section, on the page and in the PDF, as `insert`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gecolib.registry import AppRegistry


@dataclass
class StructureSection:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


SectionSource = Callable[..., "StructureSection | None"]

_sections: AppRegistry[SectionSource] = AppRegistry("structure page sections")
register_structure_section = _sections.register

_health_project_inserts: AppRegistry[SectionSource] = AppRegistry("health project inserts")
register_health_project_insert = _health_project_inserts.register


def structure_sections(request, structure, private: bool) -> list[StructureSection]:
    """The sections the apps show on `structure`'s page to this request's user."""
    found = [source(request, structure, private) for source in _sections]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)


def health_project_inserts(structure, section: str) -> list[StructureSection]:
    """What the apps add under `section` of `structure`'s health project."""
    found = [source(structure, section) for source in _health_project_inserts]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)
