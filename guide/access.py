"""Who reaches which guide page. Every view fetches pages through these lookups.

Readers get pages through `Page.objects.visible_to` (404 otherwise); editors
(staff and rédacteurs du guide) reach every page, drafts and archives included.
An editing action on a page one may read but not edit answers 403."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Page, SlugRedirect, is_guide_editor
from .models.pages import audiences_for


def editor_required(view):
    """Staff and rédacteurs du guide only (403 for anyone else signed in)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_guide_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class PageGone(Exception):
    """The page was archived: 410 for readers."""

    def __init__(self, page: Page):
        self.page = page


class PageMoved(Exception):
    """An old address: a permanent redirect to the page's current one."""

    def __init__(self, page: Page):
        self.page = page


def find_page(user, slug: str, *, queryset=None) -> Page:
    """The page at `slug` for reading: raises PageMoved (old slug), PageGone
    (archived, for non-editors), or Http404."""
    base = queryset if queryset is not None else Page.objects.all()
    page = base.filter(slug=slug).first()
    if page is None:
        redirect = SlugRedirect.objects.select_related("page").filter(old_slug=slug).first()
        if redirect is not None and _readable(user, redirect.page):
            raise PageMoved(redirect.page)
        raise Http404
    if is_guide_editor(user):
        return page
    if page.is_archived and page.live_revision_id and page.audience in audiences_for(user):
        raise PageGone(page)
    if not Page.objects.visible_to(user).filter(pk=page.pk).exists():
        raise Http404
    return page


def _readable(user, page: Page) -> bool:
    return is_guide_editor(user) or Page.objects.visible_to(user).filter(pk=page.pk).exists()


# -- who may read what now: the e-mails of the guide go to them only ------------------


def may_read_page(user, page: Page) -> bool:
    """The page as `find_page` serves it: editors, or readers of its audience
    while it is online."""
    return bool(user is not None and user.is_active and _readable(user, page))


def may_read_drafts(user) -> bool:
    """Drafts, the review list and the suggestions: editors only."""
    return bool(user is not None and user.is_active and is_guide_editor(user))


def may_read_suggestion(user, suggestion) -> bool:
    """Editors, and the person who suggested while they may read the page the
    suggestion is about (its title and the answer may quote it)."""
    if may_read_drafts(user):
        return True
    if user is None or not user.is_active or suggestion.author_id != user.pk:
        return False
    return suggestion.page is None or may_read_page(user, suggestion.page)


def get_editable_page(user, slug: str, *, staff_only: bool = False) -> Page:
    """A page for an editing action: 404 when one may not read it, 403 when one
    reads it but may not do this."""
    page = Page.objects.filter(slug=slug).select_related("latest_revision", "live_revision").first()
    if page is None:
        raise Http404
    allowed = user.is_staff if staff_only else is_guide_editor(user)
    if allowed:
        return page
    if _readable(user, page):
        raise PermissionDenied
    raise Http404
