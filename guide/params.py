"""Query-string parameters the guide reads, made harmless: a value that is
not what the parameter holds (a NUL byte, which PostgreSQL refuses in a query,
a non-address for an address) is ignored, never a 500."""

from __future__ import annotations

import re

QUERY_MAX_LENGTH = 200
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def slug_param(value: str | None) -> str:
    """A page address, or "" when `value` cannot be one."""
    value = (value or "").strip()
    return value if _SLUG.fullmatch(value) else ""


def text_param(value: str | None, *, max_length: int = QUERY_MAX_LENGTH) -> str:
    """Typed text: control characters (NUL included) dropped, cut to `max_length`."""
    return _CONTROL.sub("", value or "")[:max_length].strip()
