"""Access to structures, in one place.

Every protected structures view starts from these lookups, built on the three
doors to a structure: the directory (`Structure.objects.visible_to`), its
private data (`private_to`: members, facilitators of its facilitations,
staff) and its management (`managed_by`: coordinators, staff); writing in its
private data (`can_write`) is for staff, current members and the current
binôme only. What one may
not see is a 404; what one sees but may not change is a 403.

Also declares the structures' facilitator area for the access gate
(gecolib/middleware.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import ResolverMatch

from gecolib.access import register_facilitator_area

from .followers import written_structures_q
from .models import HealthProject, HealthProjectVersion, Membership, Structure


def get_structure(
    request: HttpRequest,
    pk: int,
    *,
    private: bool = False,
    manage: bool = False,
    write: bool = False,
) -> Structure:
    """The structure `pk` as `request.user` may see it: in the directory, or
    with its private data (`private=True`; 404 otherwise). `manage=True`
    then requires the right to manage it, `write=True` the right to write in
    its private data, such as its health project (403 otherwise)."""
    user = request.user
    # Private data is part of the directory's view: private_to ⊆ visible_to.
    structures = (
        Structure.objects.private_to(user) if private else Structure.objects.visible_to(user)
    )
    structure = get_object_or_404(structures.select_related("commune__department"), pk=pk)
    if manage and not can_manage(user, structure):
        raise PermissionDenied
    if write and not can_write(user, structure):
        raise PermissionDenied
    return structure


def get_health_project(structure: Structure) -> HealthProject:
    """The structure's health project (fetch the structure with `private=True`)."""
    return get_object_or_404(HealthProject, structure=structure)


def get_health_project_version(project: HealthProject, number: int) -> HealthProjectVersion:
    return get_object_or_404(
        HealthProjectVersion.objects.select_related("author"), project=project, number=number
    )


def can_manage(user, structure: Structure) -> bool:
    return Structure.objects.managed_by(user).filter(pk=structure.pk).exists()


def can_write(user, structure: Structure) -> bool:
    """Write in the structure's private data (its health project): staff, its
    current members, and whom an app's writer source names (the current
    binôme of its facilitations) — not a facilitator whose assignment ended,
    who keeps reading only."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    members = Membership.objects.current().filter(user=user).values("structure_id")
    return (
        Structure.objects.filter(Q(pk__in=members) | written_structures_q(user))
        .filter(pk=structure.pk)
        .exists()
    )


def can_read_private(user, structure: Structure) -> bool:
    return Structure.objects.private_to(user).filter(pk=structure.pk).exists()


@register_facilitator_area
def structure_pages(match: ResolverMatch) -> bool:
    """Every page of one structure or of the CARPEC, not the public directory:
    the URL does not tell whether a facilitator comes as a member or as a
    facilitator, so the charter is asked for on all of them."""
    return match.namespace == "structures" and match.url_name != "directory"
