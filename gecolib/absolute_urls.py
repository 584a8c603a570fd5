"""Full addresses of the portal's pages, for what is read outside it: e-mails,
calendar feeds, files. Every such address is built here, from `SITE_URL`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(location: Any, *args: Any, **kwargs: Any) -> str:
    """`location` is a path (« /guide/… »), an object with `get_absolute_url()`,
    or a URL name reversed with `args` / `kwargs`."""
    if hasattr(location, "get_absolute_url"):
        path = location.get_absolute_url()
    elif isinstance(location, str) and location.startswith(("/", "?", "#")):
        path = location
    else:
        path = reverse(location, args=args or None, kwargs=kwargs or None)
    return settings.SITE_URL + path
