"""The versions of a health project (list, one version, comparison, restore),
served by the portal's version pages (gecolib/views/revisions.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from gecolib.views.revisions import VersionedDocument

from ...access import can_write, get_health_project, get_structure
from ...documents import document_context
from ...models import HealthProjectVersion, Structure
from ...models.health_project import section_fields


def health_project_owner(request: HttpRequest, *, write: bool = False, pk: int) -> Structure:
    """The structure whose health project's versions are asked for: 404 for
    whom its private data is hidden from or when it has no health project,
    403 for a reader asked to restore."""
    structure = get_structure(request, pk, private=True, write=write)
    structure.health_project = get_health_project(structure)
    return structure


def _versions(structure: Structure):
    return structure.health_project.versions.with_list_related_data()


def _restore(structure: Structure, version: HealthProjectVersion, by) -> HealthProjectVersion:
    return structure.health_project.restore(version, by=by)


def _may_restore(request: HttpRequest, structure: Structure) -> bool:
    return structure.health_project.is_editable and can_write(request.user, structure)


def _version_document(
    request: HttpRequest, structure: Structure, version: HealthProjectVersion | None
) -> dict:
    """A version's page shows its sections as the project's page does; the
    other pages need none of it."""
    match = request.resolver_match
    if version is None or match is None or match.url_name != "health_project_version":
        return {}
    return dict(document_context(structure, version.content))


def _sections_changed(count: int) -> str:
    return ngettext("%(count)s section modifiée.", "%(count)s sections modifiées.", count) % {
        "count": count
    }


HEALTH_PROJECT_VERSIONS = VersionedDocument(
    name="health_project",
    namespace="structures",
    owner_name="structure",
    get_owner=health_project_owner,
    fields=section_fields,
    revisions=_versions,
    restore=_restore,
    may_restore=_may_restore,
    restored_message=gettext_lazy(
        "La version %(old)s a été restaurée : elle devient la version %(new)s."
    ),
    title=gettext_lazy("du projet de santé"),
    back_label=gettext_lazy("Retour au projet de santé"),
    breadcrumb="structures/health_project/_breadcrumb.html",
    owner_url=lambda structure: reverse("structures:health_project", args=[structure.pk]),
    version_body="structures/health_project/_version_body.html",
    extra_context=_version_document,
    links=((gettext_lazy("PDF"), "structures:health_project_version_pdf"),),
    intro=gettext_lazy(
        "Chaque enregistrement crée une version. Cochez deux versions pour les comparer "
        "section par section. Restaurer une version en crée une nouvelle qui reprend son "
        "texte : rien n'est perdu. Une version soumise à l'ARS est figée."
    ),
    empty_text=gettext_lazy(
        "Aucune version enregistrée pour l'instant : la première sera créée au premier "
        "enregistrement d'une section."
    ),
    frozen_label=gettext_lazy("figée – soumise à l'ARS"),
    changed_text=_sections_changed,
)
