from django.urls import path

from .views import cooperation, cooperation_catalogue, cooperation_overview

app_name = "protocols"

urlpatterns: list = []

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
    path("cooperation/<int:pk>/statut/", cooperation.cooperation_status, name="cooperation_status"),
    path(
        "cooperation/<int:pk>/nouvelle-declaration/",
        cooperation.cooperation_redeclare,
        name="cooperation_redeclare",
    ),
    path(
        "cooperation/<int:pk>/equipe/ajouter/",
        cooperation.cooperation_participant_add,
        name="cooperation_participant_add",
    ),
    path(
        "cooperation/<int:pk>/equipe/<int:participant_pk>/retirer/",
        cooperation.cooperation_participant_remove,
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
