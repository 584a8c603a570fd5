"""Demo data of the hub: structures (with their history, CARPEC reviews and
missions), then their health projects. Registered with the demo loader of
`gecolib.demo`, which runs every app's demo in the order of INSTALLED_APPS."""

from gecolib.demo import register_demo

from . import health_project, structures
from .structures import DEMO_SESSIONS, STRUCTURES

__all__ = ["DEMO_SESSIONS", "STRUCTURES", "load"]


@register_demo
def load(users) -> None:
    structures.load(users)
    health_project.load(users)
