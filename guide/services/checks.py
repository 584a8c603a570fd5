"""The identity rule of the team tools (gecolib.team_data) on what the guide
stores, for the forms and the services alike: the models' own rule
(`TeamDataChecks.team_data_errors`), run on values before they are saved —
a page's content lives as JSON in its revisions, where the model check cannot
see it.

Guide pages are reference text: authors and doctors are named in them. A
possible name already in the version the editor started from was confirmed
then, and is not asked about again; a new one is (« Je confirme qu'aucun
patient n'est nommé »). NIR, birth dates, phones, e-mails and patient numbers
are always refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gecolib.team_data import NAME_MARKER
from gecolib.validators import find_identity_markers

from ..models import Page, PageRevision

CONTENT_TEXT_KEYS = ("title", "summary", "body")

Errors = dict[str, list[ValidationError]]


def model_text_errors(
    model: type[models.Model], values: dict[str, str], *, names_confirmed: bool = False
) -> Errors:
    """The errors `model`'s TeamDataChecks gives `values` (field → text)."""
    instance = model(**values)
    instance.names_confirmed = names_confirmed
    errors = instance.team_data_errors()
    return {name: errors[name] for name in values if name in errors}


def names_in(*texts: str) -> set[str]:
    """The possible names (« Dr Martin ») cited in `texts`."""
    return {
        marker.text
        for text in texts
        for marker in find_identity_markers(text or "")
        if marker.kind == NAME_MARKER
    }


def content_errors(
    content: dict,
    *,
    comment: str = "",
    names_confirmed: bool = False,
    previous: dict | None = None,
) -> Errors:
    """Errors by field (title, summary, body, comment) of a page's content and
    its version comment. `previous` is the content the editor started from:
    the names it already cites need no new confirmation."""
    texts = {key: str(content.get(key) or "") for key in CONTENT_TEXT_KEYS}
    known = names_in(*(str((previous or {}).get(key) or "") for key in CONTENT_TEXT_KEYS))
    confirmed = names_confirmed or names_in(*texts.values()) <= known
    errors = model_text_errors(Page, texts, names_confirmed=confirmed)
    if comment:
        errors |= model_text_errors(
            PageRevision, {"comment": comment}, names_confirmed=names_confirmed
        )
    return errors


def check_content(content: dict, **options) -> None:
    """`content_errors` raised as one ValidationError (field → messages)."""
    errors = content_errors(content, **options)
    if errors:
        raise ValidationError(errors)
