"""The health project of a structure: sections, versions, status and PDF."""

from django.urls import path

from .views import health_project as views

urlpatterns = [
    path("<int:pk>/health-project/", views.health_project, name="health_project"),
    path(
        "<int:pk>/health-project/start/",
        views.health_project_start,
        name="health_project_start",
    ),
    path(
        "<int:pk>/health-project/sections/<slug:section>/edit/",
        views.health_project_edit_section,
        name="health_project_edit_section",
    ),
    path(
        "<int:pk>/health-project/versions/",
        views.health_project_versions,
        name="health_project_versions",
    ),
    path(
        "<int:pk>/health-project/versions/compare/",
        views.health_project_diff,
        name="health_project_diff",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/",
        views.health_project_version,
        name="health_project_version",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/restore/",
        views.health_project_restore,
        name="health_project_restore",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/pdf/",
        views.health_project_version_pdf,
        name="health_project_version_pdf",
    ),
    path(
        "<int:pk>/health-project/status/<slug:action>/",
        views.health_project_transition,
        name="health_project_transition",
    ),
    path("<int:pk>/health-project/pdf/", views.health_project_pdf, name="health_project_pdf"),
]
