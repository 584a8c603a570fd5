from django.urls import path

from .views import (
    coordination,
    coordination_library,
    coordination_pdf,
    coordination_records,
    coordination_versions,
    coordination_workflow,
)

app_name = "protocols"

# Coordination protocols (HAS), the network library, the staff overview.
urlpatterns: list = [
    path("", coordination.index, name="index"),
    path("structure/<int:structure_pk>/", coordination.protocol_list, name="protocol_list"),
    path("structure/<int:structure_pk>/new/", coordination.protocol_create, name="protocol_create"),
    path("<int:pk>/", coordination.protocol_detail, name="protocol_detail"),
    path("<int:pk>/edit/", coordination.protocol_edit, name="protocol_edit"),
    path("<int:pk>/validate/", coordination_workflow.protocol_validate, name="protocol_validate"),
    path(
        "<int:pk>/status/<slug:action>/",
        coordination_workflow.protocol_transition,
        name="protocol_transition",
    ),
    path("<int:pk>/share/", coordination_workflow.protocol_share, name="protocol_share"),
    path("<int:pk>/unshare/", coordination_workflow.protocol_unshare, name="protocol_unshare"),
    path(
        "<int:pk>/indicators/",
        coordination_records.protocol_indicators,
        name="protocol_indicators",
    ),
    path(
        "<int:pk>/indicators/<int:indicator_pk>/values/",
        coordination_records.protocol_indicator_value,
        name="protocol_indicator_value",
    ),
    path("<int:pk>/meetings/", coordination_records.protocol_meetings, name="protocol_meetings"),
    path("<int:pk>/versions/", coordination_versions.protocol_versions, name="protocol_versions"),
    path(
        "<int:pk>/versions/compare/",
        coordination_versions.protocol_diff,
        name="protocol_diff",
    ),
    path(
        "<int:pk>/versions/<int:number>/",
        coordination_versions.protocol_version,
        name="protocol_version",
    ),
    path(
        "<int:pk>/versions/<int:number>/restore/",
        coordination_versions.protocol_restore,
        name="protocol_restore",
    ),
    path("<int:pk>/pdf/", coordination_pdf.protocol_pdf, name="protocol_pdf"),
    path("library/", coordination_library.library, name="library"),
    path("library/<int:pk>/", coordination_library.library_detail, name="library_detail"),
    path("overview/", coordination_library.overview, name="overview"),
]
