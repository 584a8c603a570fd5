"""Models of the guide app, one module per concept."""

from .attachments import Attachment
from .editors import GuideEditor, is_guide_editor
from .pages import Page, PageQuerySet, PageRevision, SlugRedirect
from .search import PageSearch
from .suggestions import Suggestion

__all__ = [
    "Attachment",
    "GuideEditor",
    "Page",
    "PageQuerySet",
    "PageRevision",
    "PageSearch",
    "SlugRedirect",
    "Suggestion",
    "is_guide_editor",
]
