"""Reminders of the protocols app (see gecolib/reminders.py), one module per concept."""

from . import cooperation, coordination  # noqa: F401
