"""Demo data of the protocols app, one module per concept (each registers its
loader with `gecolib.demo.register_demo`)."""

from . import cooperation  # noqa: F401
