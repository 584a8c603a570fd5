"""What the "Aperçu" tab of the Markdown editor shows, by flavour.

Every Markdown field previews through one view (gecolib/views/markdown.py).
By default it renders the portal's sanitised Markdown, as pages show it. An app
whose texts have a syntax of their own (the guide's `[[slug]]` links and
attached images) registers a flavour in its `markdown_previews` module:

    @register_preview_flavour("guide", allowed=is_guide_editor)
    def guide_preview(request, text: str) -> str:
        ...   # the HTML fragment shown in the tab

and gives its editor widgets that flavour's URL,
`reverse("markdown_preview", kwargs={"flavour": "guide"})`. The core imports
every app's `markdown_previews` module with `autodiscover_modules`, like the
other registries: it names no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

PreviewRenderer = Callable[[HttpRequest, str], str]


def anyone(user) -> bool:
    """Every signed-in person (the login middleware keeps the others out)."""
    return True


@dataclass(frozen=True)
class PreviewFlavour:
    render: PreviewRenderer  # (request, text) -> safe HTML fragment
    allowed: Callable[..., bool] = anyone  # (user) -> may preview; 403 otherwise


_flavours: dict[str, PreviewFlavour] = {}


def register_preview_flavour(
    name: str, *, allowed: Callable[..., bool] = anyone
) -> Callable[[PreviewRenderer], PreviewRenderer]:
    """Decorator: `render` answers the previews of flavour `name`."""

    def decorator(render: PreviewRenderer) -> PreviewRenderer:
        _flavours[name] = PreviewFlavour(render=render, allowed=allowed)
        return render

    return decorator


def preview_flavour(name: str) -> PreviewFlavour | None:
    """The flavour registered under `name`, or None."""
    return _flavours.get(name)
