"""Reminders of the protocols app (see gecolib/reminders.py), one module per concept."""

from . import cooperation  # noqa: F401
