"""How the health-project pages find their structure, project and version."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ...models import HealthProject, HealthProjectVersion, Structure


def structure_for(request: HttpRequest, pk: int) -> Structure:
    return get_object_or_404(
        Structure.objects.private_to(request.user).select_related("commune__department"), pk=pk
    )


def project_for(structure: Structure) -> HealthProject:
    return get_object_or_404(HealthProject, structure=structure)


def version_for(project: HealthProject, number: int) -> HealthProjectVersion:
    return get_object_or_404(
        HealthProjectVersion.objects.select_related("author"), project=project, number=number
    )
