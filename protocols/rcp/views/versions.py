"""The versions of a meeting's minutes (gecolib/views/revisions.py): the list,
one version, the comparison of two, and the restore of an older one, which is
sent again to the invited members like an amendment."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gecolib.views.revisions import VersionedDocument

from .. import minutes
from ..access import can_organise, get_meeting
from ..models import Meeting


def minutes_owner(request: HttpRequest, *, write: bool = False, pk: int) -> Meeting:
    """The meeting whose minutes are read (its readers) or restored (its organisers)."""
    return get_meeting(request, pk, organise=write)


def may_restore(request: HttpRequest, meeting: Meeting) -> bool:
    """The validated minutes of a meeting held and not cancelled, by its organisers."""
    return (
        meeting.minutes_validated
        and not meeting.is_cancelled
        and can_organise(request.user, meeting.structure)
    )


def headings_changed(count: int) -> str:
    return ngettext("%(n)s rubrique modifiée.", "%(n)s rubriques modifiées.", count) % {"n": count}


def minutes_url(meeting: Meeting) -> str:
    return f"{meeting.get_absolute_url()}#compte-rendu"


MINUTES_VERSIONS = VersionedDocument(
    name="minutes",
    namespace="rcp",
    get_owner=minutes_owner,
    revisions=lambda meeting: meeting.minutes_revisions,
    fields=lambda: minutes.COMPARED_FIELDS,
    as_text=lambda content, fields: minutes.comparable_text(content),
    restore=lambda meeting, revision, by: minutes.restore_minutes(meeting, revision, by=by),
    restored_message=_(
        "Le texte de la version %(old)s du compte rendu est devenu la version %(new)s : "
        "elle a été envoyée aux membres invités."
    ),
    title=_("du compte rendu"),
    back_label=_("Retour à la RCP"),
    breadcrumb="rcp/_minutes_breadcrumb.html",
    owner_name="meeting",
    owner_url=minutes_url,
    version_body="rcp/_minutes_version_body.html",
    may_restore=may_restore,
    intro=_(
        "Chaque validation ou amendement du compte rendu crée une version, envoyée aux "
        "membres invités. Cochez deux versions pour les comparer. Restaurer une version en "
        "fait la plus récente, envoyée à nouveau : ses points généraux et ses synthèses "
        "redeviennent le texte du compte rendu, rien n'est perdu."
    ),
    empty_text=_("Le compte rendu n'a pas encore été validé."),
    restore_label=_("Restaurer cette version et l'envoyer"),
    frozen_label=_("Version envoyée"),
    changed_text=headings_changed,
)
