"""The versions of a catalogue entry (staff): the generic version pages
(gecolib/views/revisions.py) fed with the protocol's fields."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from gecolib.access import staff_required
from gecolib.views.revisions import VersionedDocument

from ..models import NationalProtocol
from ..models.catalogue import REVISION_FIELDS


def protocol_owner(request: HttpRequest, *, write: bool = False, pk: int) -> NationalProtocol:
    """The catalogue entry: reference data, read and restored by staff only
    (`staff_required` on the pages)."""
    return get_object_or_404(NationalProtocol, pk=pk)


PROTOCOL_VERSIONS = VersionedDocument(
    name="protocol",
    namespace="cooperation",
    get_owner=protocol_owner,
    fields=lambda: REVISION_FIELDS,
    restore=lambda protocol, revision, by: protocol.restore(revision, by=by),
    restored_message=_("Les valeurs de la version %(old)s sont rétablies (version %(new)s)."),
    title=_("du protocole"),
    back_label=_("Retour au protocole"),
    breadcrumb="protocols/cooperation/_protocol_breadcrumb.html",
    owner_name="protocol",
    after_restore=lambda protocol, revision: protocol.get_absolute_url(),
    intro=_(
        "Chaque modification crée une version datée. Cochez deux versions pour les comparer ; "
        "restaurer une version rétablit ses valeurs dans une nouvelle version : rien n'est perdu."
    ),
    decorators=(staff_required,),
)
