"""The three doors to a structure: the directory (`visible_to`), its private
data (`private_to`) and its management (`managed_by`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Structure


def get_structure(request, pk: int, *, private: bool = False, manage: bool = False) -> Structure:
    """404 for what the user may not see (private data included), 403 for
    what they see but may not change."""
    user = request.user
    structure = get_object_or_404(Structure.objects.visible_to(user), pk=pk)
    if private and not Structure.objects.private_to(user).filter(pk=pk).exists():
        raise Http404
    if manage and not Structure.objects.managed_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return structure


def can_manage(user, structure: Structure) -> bool:
    return Structure.objects.managed_by(user).filter(pk=structure.pk).exists()


def can_read_private(user, structure: Structure) -> bool:
    return Structure.objects.private_to(user).filter(pk=structure.pk).exists()
