from django.urls import path

from .views import (
    cooperation,
    cooperation_catalogue,
    cooperation_changes,
    cooperation_overview,
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

# -- national cooperation protocols ----------------------------------------------------
urlpatterns += [
    path("cooperation/", cooperation.cooperation_index, name="cooperation_index"),
    path(
        "cooperation/catalogue/",
        cooperation_catalogue.cooperation_catalogue,
        name="cooperation_catalogue",
    ),
    path(
        "cooperation/catalogue/nouveau/",
        cooperation_catalogue.cooperation_protocol_create,
        name="cooperation_protocol_create",
    ),
    path(
        "cooperation/catalogue/<int:pk>/",
        cooperation_catalogue.cooperation_protocol,
        name="cooperation_protocol",
    ),
    path(
        "cooperation/catalogue/<int:pk>/modifier/",
        cooperation_catalogue.cooperation_protocol_edit,
        name="cooperation_protocol_edit",
    ),
    path(
        "cooperation/catalogue/<int:pk>/versions/",
        cooperation_catalogue.cooperation_protocol_history,
        name="cooperation_protocol_history",
    ),
    path(
        "cooperation/catalogue/<int:pk>/versions/comparer/",
        cooperation_catalogue.cooperation_protocol_compare,
        name="cooperation_protocol_compare",
    ),
    path(
        "cooperation/catalogue/<int:pk>/versions/<int:number>/",
        cooperation_catalogue.cooperation_protocol_version,
        name="cooperation_protocol_version",
    ),
    path(
        "cooperation/catalogue/<int:pk>/versions/<int:number>/restaurer/",
        cooperation_catalogue.cooperation_protocol_restore,
        name="cooperation_protocol_restore",
    ),
    path(
        "cooperation/structure/<int:pk>/",
        cooperation.cooperation_structure,
        name="cooperation_structure",
    ),
    path(
        "cooperation/structure/<int:pk>/declarer/",
        cooperation.cooperation_declare,
        name="cooperation_declare",
    ),
    path(
        "cooperation/structure/<int:pk>/export/",
        cooperation.cooperation_export,
        name="cooperation_export",
    ),
    path(
        "cooperation/<int:pk>/", cooperation.cooperation_declaration, name="cooperation_declaration"
    ),
    path(
        "cooperation/<int:pk>/modifier/",
        cooperation.cooperation_declaration_edit,
        name="cooperation_declaration_edit",
    ),
    path(
        "cooperation/<int:pk>/statut/",
        cooperation_changes.cooperation_status,
        name="cooperation_status",
    ),
    path(
        "cooperation/<int:pk>/nouvelle-declaration/",
        cooperation_changes.cooperation_redeclare,
        name="cooperation_redeclare",
    ),
    path(
        "cooperation/<int:pk>/equipe/ajouter/",
        cooperation_changes.cooperation_participant_add,
        name="cooperation_participant_add",
    ),
    path(
        "cooperation/<int:pk>/equipe/<int:participant_pk>/retirer/",
        cooperation_changes.cooperation_participant_remove,
        name="cooperation_participant_remove",
    ),
    path(
        "cooperation/<int:pk>/activite/",
        cooperation.cooperation_activity,
        name="cooperation_activity",
    ),
    path(
        "cooperation/synthese/",
        cooperation_overview.cooperation_overview,
        name="cooperation_overview",
    ),
    path(
        "cooperation/synthese/export/",
        cooperation_overview.cooperation_overview_export,
        name="cooperation_overview_export",
    ),
]
