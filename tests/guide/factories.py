"""Factories of the guide: pages published or in draft, editors."""

from __future__ import annotations

from guide import services
from guide.enums import Audience
from guide.models import GuideEditor, Page


def make_page(
    title: str = "Fiche pratique",
    *,
    body: str = "Du texte.",
    by=None,
    live: bool = True,
    audience: str = Audience.PUBLIC,
    parent: Page | None = None,
    **options,
) -> Page:
    page = services.create_page(
        title=title, body=body, by=by, audience=audience, parent=parent, **options
    )
    if live:
        services.publish(page, by=by)
    page.refresh_from_db()
    return page


def make_editor(user, *, by=None) -> GuideEditor:
    return GuideEditor.objects.create(user=user, added_by=by)


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A real PNG image (uploaded images are read and resized by Pillow)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


PNG_BYTES = png_bytes()


def png_upload(name: str = "schema.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")
