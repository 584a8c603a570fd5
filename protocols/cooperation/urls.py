"""The national cooperation protocols: the catalogue kept by staff, the
structures' declarations and their activity, the staff overview.

Served under /protocoles/cooperation/; the former /protocols/cooperation/…
addresses answer 301 through gecolib.urls (`moved_prefix`), and every path
below was already French, so no path of the app itself moved."""

from django.urls import path

from gecolib.views.revisions import version_urls

from .views import activity, catalogue, changes, declarations, declare, overview, year_grid
from .views.versions import PROTOCOL_VERSIONS

app_name = "cooperation"

urlpatterns = [
    path("", declarations.index, name="index"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/nouveau/", catalogue.protocol_create, name="protocol_create"),
    path("catalogue/<int:pk>/", catalogue.protocol, name="protocol"),
    path("catalogue/<int:pk>/modifier/", catalogue.protocol_edit, name="protocol_edit"),
    *version_urls(PROTOCOL_VERSIONS, "catalogue/<int:pk>/versions/"),
    path("structure/<int:pk>/", declarations.structure, name="structure"),
    path("structure/<int:pk>/declarer/", declare.declare, name="declare"),
    path("structure/<int:pk>/export/", declarations.export, name="export"),
    path("<int:pk>/", declarations.declaration, name="declaration"),
    path("<int:pk>/modifier/", declarations.declaration_edit, name="declaration_edit"),
    path("<int:pk>/statut/", changes.status, name="status"),
    path("<int:pk>/nouvelle-declaration/", changes.redeclare, name="redeclare"),
    path("<int:pk>/equipe/ajouter/", changes.participant_add, name="participant_add"),
    path(
        "<int:pk>/equipe/<int:participant_pk>/retirer/",
        changes.participant_remove,
        name="participant_remove",
    ),
    path("<int:pk>/activite/", activity.activity, name="activity"),
    path("<int:pk>/activite/annee/", year_grid.year_grid, name="activity_year"),
    path("synthese/", overview.overview, name="overview"),
    path("synthese/export/", overview.overview_export, name="overview_export"),
]
