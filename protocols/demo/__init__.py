"""Demo data of the protocols app, one module per concept, registered with the
demo loader of `gecolib.demo` (run after the hub's structures)."""

from gecolib.demo import register_demo

from . import (
    cooperation,  # noqa: F401  (registers its own loader)
    coordination,
)


@register_demo
def load(users) -> None:
    coordination.load(users)
