"""The guide's flavour of the Markdown editor's preview
(gecolib/markdown_previews.py): what a guide page will show, with its
`[[slug]]` links resolved and its own attached images, for the guide's editors."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from gecolib.markdown_previews import register_preview_flavour

from .markdown import render_page
from .models import Page, is_guide_editor
from .params import slug_param


@register_preview_flavour("guide", allowed=is_guide_editor)
def guide_preview(request: HttpRequest, text: str) -> str:
    """The page being edited (`?page=<slug>`) lends its attached images; links
    that lead nowhere are listed above the text."""
    slug = slug_param(request.GET.get("page"))
    page = Page.objects.filter(slug=slug).first() if slug else None
    rendered = render_page(text, user=request.user, page=page)
    return render_to_string("guide/_preview.html", {"rendered": rendered}, request=request)
