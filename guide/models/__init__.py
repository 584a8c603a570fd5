"""Models of the guide app, one module per concept."""

from .attachments import Attachment
from .autosaves import PageAutosave
from .editors import GuideEditor, guide_editors, is_guide_editor
from .moves import PageMove
from .pages import Page, PageQuerySet, PageRevision, SlugRedirect
from .search import PageSearch, SearchSynonym, SearchSynonymRevision
from .suggestions import Suggestion

__all__ = [
    "Attachment",
    "GuideEditor",
    "Page",
    "PageAutosave",
    "PageMove",
    "PageQuerySet",
    "PageRevision",
    "PageSearch",
    "SearchSynonym",
    "SearchSynonymRevision",
    "SlugRedirect",
    "Suggestion",
    "guide_editors",
    "is_guide_editor",
]
