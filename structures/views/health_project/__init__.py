"""Health project pages: sections, editing, versions (diff, restore), status and PDF.

Who may read and write a structure's health project is decided in one place,
`Structure.objects.private_to(user)` (members, facilitators of its
facilitations, staff); everyone else gets a 404.
"""

from .pages import (
    health_project,
    health_project_edit_section,
    health_project_start,
    health_project_transition,
)
from .pdf import health_project_pdf, health_project_version_pdf
from .versions import (
    health_project_diff,
    health_project_restore,
    health_project_version,
    health_project_versions,
)

__all__ = [
    "health_project",
    "health_project_diff",
    "health_project_edit_section",
    "health_project_pdf",
    "health_project_restore",
    "health_project_start",
    "health_project_transition",
    "health_project_version",
    "health_project_versions",
    "health_project_version_pdf",
]
