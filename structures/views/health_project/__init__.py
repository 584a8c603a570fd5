"""Health project pages: sections, editing, versions (diff, restore), status and PDF.

Who may read and write a structure's health project is decided in one place,
`Structure.objects.private_to(user)` (members, facilitators of its
facilitations, staff); everyone else gets a 404. The version pages are the
portal's own (gecolib/views/revisions.py), declared in `versions.py`.
"""

from .pages import (
    health_project,
    health_project_edit_section,
    health_project_start,
    health_project_transition,
)
from .pdf import health_project_pdf, health_project_version_pdf

__all__ = [
    "health_project",
    "health_project_edit_section",
    "health_project_pdf",
    "health_project_start",
    "health_project_transition",
    "health_project_version_pdf",
]
