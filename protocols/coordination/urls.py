from django.urls import path

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import library, pdf, protocols, records, validation, workflow
from .views.versions import PROTOCOL_VERSIONS

app_name = "protocols"

# Coordination protocols (HAS), the network library, the staff overview.
urlpatterns = [
    # Former addresses (the app is served under /protocoles/: gecolib/urls.py
    # sends every /protocols/… address there first).
    moved("structure/<int:structure_pk>/new/", "protocols:protocol_create"),
    moved("<int:pk>/edit/", "protocols:protocol_edit"),
    moved("<int:pk>/validate/", "protocols:protocol_validate"),
    moved("<int:pk>/status/<slug:action>/", "protocols:protocol_transition"),
    moved("<int:pk>/share/", "protocols:protocol_share"),
    moved("<int:pk>/unshare/", "protocols:protocol_unshare"),
    moved("<int:pk>/indicators/", "protocols:protocol_indicators"),
    moved("<int:pk>/indicators/<int:indicator_pk>/values/", "protocols:protocol_indicator_value"),
    moved("<int:pk>/meetings/", "protocols:protocol_meetings"),
    moved("<int:pk>/versions/compare/", "protocols:protocol_compare"),
    moved("<int:pk>/versions/<int:number>/restore/", "protocols:protocol_restore"),
    moved("library/", "protocols:library"),
    moved("library/<int:pk>/", "protocols:library_detail"),
    moved("overview/", "protocols:overview"),
    # Today's addresses.
    path("", protocols.index, name="index"),
    path("structure/<int:structure_pk>/", protocols.protocol_list, name="protocol_list"),
    path(
        "structure/<int:structure_pk>/nouveau/", protocols.protocol_create, name="protocol_create"
    ),
    path("<int:pk>/", protocols.protocol_detail, name="protocol_detail"),
    path("<int:pk>/modifier/", protocols.protocol_edit, name="protocol_edit"),
    path("<int:pk>/valider/", workflow.protocol_validate, name="protocol_validate"),
    path(
        "<int:pk>/demander-la-validation/",
        validation.protocol_request_validation,
        name="protocol_request_validation",
    ),
    path("validation/<int:pk>/avis/", validation.protocol_answer, name="protocol_answer"),
    path(
        "<int:pk>/statut/<slug:action>/",
        workflow.protocol_transition,
        name="protocol_transition",
    ),
    path("<int:pk>/partager/", workflow.protocol_share, name="protocol_share"),
    path("<int:pk>/ne-plus-partager/", workflow.protocol_unshare, name="protocol_unshare"),
    path("<int:pk>/indicateurs/", records.protocol_indicators, name="protocol_indicators"),
    path(
        "<int:pk>/indicateurs/<int:indicator_pk>/valeurs/",
        records.protocol_indicator_value,
        name="protocol_indicator_value",
    ),
    path(
        "<int:pk>/indicateurs/<int:indicator_pk>/valeurs/modifier/",
        records.protocol_indicator_values,
        name="protocol_indicator_values",
    ),
    path("<int:pk>/reunions/", records.protocol_meetings, name="protocol_meetings"),
    *version_urls(PROTOCOL_VERSIONS, "<int:pk>/versions/"),
    path("<int:pk>/pdf/", pdf.protocol_pdf, name="protocol_pdf"),
    path("<int:pk>/fiche-de-poche/pdf/", pdf.protocol_pocket_pdf, name="protocol_pocket_pdf"),
    path("bibliotheque/", library.library, name="library"),
    path("bibliotheque/<int:pk>/", library.library_detail, name="library_detail"),
    path("synthese/", library.overview, name="overview"),
]
