"""Models of the guide app, one module per concept."""

from .attachments import Attachment
from .editors import GuideEditor, guide_editors, is_guide_editor
from .moves import PageMove
from .pages import Page, PageQuerySet, PageRevision, SlugRedirect
from .search import PageSearch
from .suggestions import Suggestion

__all__ = [
    "Attachment",
    "GuideEditor",
    "Page",
    "PageMove",
    "PageQuerySet",
    "PageRevision",
    "PageSearch",
    "SlugRedirect",
    "Suggestion",
    "guide_editors",
    "is_guide_editor",
]
