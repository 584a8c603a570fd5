from django.urls import path

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import agenda, decisions, figures, guests, meetings, minutes, proposals, series
from .views.versions import MINUTES_VERSIONS

app_name = "rcp"

urlpatterns = [
    # Former addresses (the app is served under /protocoles/rcp/: gecolib/urls.py
    # sends every /protocols/… address there first).
    moved("reunions/<int:pk>/compte-rendu/comparer/", "rcp:minutes_compare"),
    path("", meetings.index, name="index"),
    path("chiffres/", figures.all_figures, name="figures_all"),
    path("chiffres/export.<str:fmt>", figures.all_figures_export, name="figures_all_export"),
    path("structures/<int:pk>/", meetings.structure_meetings, name="structure"),
    path("structures/<int:pk>/nouvelle/", meetings.meeting_create, name="meeting_create"),
    path("structures/<int:pk>/decisions/", decisions.decisions, name="decisions"),
    path("structures/<int:pk>/chiffres/", figures.structure_figures, name="figures"),
    path(
        "structures/<int:pk>/chiffres/export.<str:fmt>",
        figures.structure_figures_export,
        name="figures_export",
    ),
    path("reunions/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("reunions/<int:pk>/modifier/", meetings.meeting_edit, name="meeting_edit"),
    path("reunions/<int:pk>/annuler/", meetings.meeting_cancel, name="meeting_cancel"),
    path("reunions/<int:pk>/invitation.ics", meetings.meeting_ics, name="meeting_ics"),
    path(
        "reunions/<int:pk>/jour-ferie/deplacer/",
        series.meeting_move_off_holiday,
        name="meeting_move_off_holiday",
    ),
    path("series/<int:pk>/", series.series_detail, name="series"),
    path("reunions/<int:pk>/invites/", meetings.meeting_invitees, name="meeting_invitees"),
    path("reunions/<int:pk>/points/nouveau/", agenda.item_create, name="item_create"),
    path("reunions/<int:pk>/points/proposer/", proposals.item_propose, name="item_propose"),
    path("reunions/<int:pk>/envoyer-ordre-du-jour/", agenda.agenda_send, name="agenda_send"),
    path("reunions/<int:pk>/repondre/", agenda.respond, name="respond"),
    path("reunions/<int:pk>/presence/", agenda.attendance, name="attendance"),
    path("reunions/<int:pk>/compte-rendu/", minutes.minutes_edit, name="minutes_edit"),
    path(
        "reunions/<int:pk>/compte-rendu/valider/", minutes.minutes_validate, name="minutes_validate"
    ),
    path("reunions/<int:pk>/compte-rendu/amender/", minutes.minutes_amend, name="minutes_amend"),
    path("reunions/<int:pk>/compte-rendu/pdf/", minutes.minutes_pdf, name="minutes_pdf"),
    *version_urls(MINUTES_VERSIONS, "reunions/<int:pk>/compte-rendu/versions/"),
    path("reunions/<int:pk>/decisions/nouvelle/", minutes.decision_create, name="decision_create"),
    path("points/<int:pk>/modifier/", agenda.item_edit, name="item_edit"),
    path("points/<int:pk>/retirer/", agenda.item_delete, name="item_delete"),
    path("points/<int:pk>/accepter/", proposals.item_accept, name="item_accept"),
    path("points/<int:pk>/refuser/", proposals.item_decline, name="item_decline"),
    path("points/<int:pk>/deplacer/", proposals.item_move, name="item_move"),
    path("decisions/<int:pk>/suivi/", decisions.decision_close, name="decision_close"),
    path("reunions/<int:pk>/invites-exterieurs/", guests.guest_add, name="guest_add"),
    path("invites-exterieurs/<int:pk>/retirer/", guests.guest_remove, name="guest_remove"),
    path("reponse/<str:token>/", agenda.answer, name="answer"),
    # An outside guest's page (signed link of their e-mail, no account).
    path("invitation/<str:token>/", guests.guest_answer, name="guest_answer"),
]
