from django.urls import path

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import (
    facilitation,
    feedback,
    feedback_stats,
    requests,
    sessions,
    stats,
    triage,
    workspace,
)

app_name = "facilitations"

urlpatterns = [
    path("", workspace.workspace, name="workspace"),
    # A professional's requests
    path("nouvelle/", requests.request_create, name="request_create"),
    path("demandes/", requests.request_list, name="request_list"),
    path("demandes/<int:pk>/", requests.request_detail, name="request_detail"),
    path("demandes/<int:pk>/message/", requests.request_message, name="request_message"),
    # Staff triage
    path("triage/", triage.triage, name="triage"),
    path("demandes/<int:pk>/examen/", triage.request_review, name="request_review"),
    path("demandes/<int:pk>/accepter/", triage.request_accept, name="request_accept"),
    path("demandes/<int:pk>/reorienter/", triage.request_redirect, name="request_redirect"),
    path("demandes/<int:pk>/refuser/", triage.request_decline, name="request_decline"),
    # A facilitation and its log
    path("<int:pk>/", facilitation.detail, name="detail"),
    path("<int:pk>/binome/", facilitation.binome, name="binome"),
    path("<int:pk>/statut/", facilitation.status, name="status"),
    path("<int:pk>/cloturer/", facilitation.close, name="close"),
    path("<int:pk>/seances/nouvelle/", sessions.session_create, name="session_create"),
    path("seances/<int:pk>/modifier/", sessions.session_edit, name="session_edit"),
    path("<int:pk>/suivis/nouveau/", facilitation.followup_create, name="followup_create"),
    path("suivis/<int:pk>/basculer/", facilitation.followup_toggle, name="followup_toggle"),
    # Activity statistics (staff): the page and its exports, all taking the same
    # period parameters (`annee`, or `du` and `au`)
    path("statistiques/", stats.stats_page, name="stats"),
    path("statistiques/export/", stats.stats_export, name="stats_export"),
    path("statistiques/seances/export/", stats.sessions_export, name="sessions_export"),
    # What professionals think of a closed facilitation: the questionnaire by
    # its signed link (no sign-in), the binôme's aggregated results, the
    # wording (staff, versioned), the statistics and their exports (staff)
    path("avis/<str:token>/", feedback.feedback_answer, name="feedback_answer"),
    path("<int:pk>/avis/", feedback.feedback_results, name="feedback_results"),
    path("questionnaire/", feedback.questionnaire_edit, name="questionnaire"),
    *version_urls(feedback.QUESTIONNAIRE_VERSIONS, "questionnaire/versions/"),
    path("statistiques/avis/", feedback_stats.feedback_stats, name="feedback_stats"),
    path("statistiques/avis/export/", feedback_stats.feedback_export, name="feedback_export"),
    # Former English addresses (bookmarks, links in e-mails and calendars)
    moved("requests/new/", "facilitations:request_create"),
    moved("requests/", "facilitations:request_list"),
    moved("requests/<int:pk>/", "facilitations:request_detail"),
    moved("requests/<int:pk>/message/", "facilitations:request_message"),
    moved("requests/<int:pk>/review/", "facilitations:request_review"),
    moved("requests/<int:pk>/accept/", "facilitations:request_accept"),
    moved("requests/<int:pk>/redirect/", "facilitations:request_redirect"),
    moved("requests/<int:pk>/decline/", "facilitations:request_decline"),
    moved("<int:pk>/status/", "facilitations:status"),
    moved("<int:pk>/close/", "facilitations:close"),
    moved("<int:pk>/sessions/new/", "facilitations:session_create"),
    moved("sessions/<int:pk>/edit/", "facilitations:session_edit"),
    moved("<int:pk>/follow-ups/new/", "facilitations:followup_create"),
    moved("follow-ups/<int:pk>/toggle/", "facilitations:followup_toggle"),
]
