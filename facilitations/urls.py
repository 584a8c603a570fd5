from django.urls import path

from .views import facilitation, requests, sessions, stats, triage, workspace

app_name = "facilitations"

urlpatterns = [
    path("", workspace.workspace, name="workspace"),
    # A professional's requests
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/message/", requests.request_message, name="request_message"),
    # Staff triage
    path("triage/", triage.triage, name="triage"),
    path("requests/<int:pk>/review/", triage.request_review, name="request_review"),
    path("requests/<int:pk>/accept/", triage.request_accept, name="request_accept"),
    path("requests/<int:pk>/redirect/", triage.request_redirect, name="request_redirect"),
    path("requests/<int:pk>/decline/", triage.request_decline, name="request_decline"),
    # A facilitation and its log
    path("<int:pk>/", facilitation.detail, name="detail"),
    path("<int:pk>/binome/", facilitation.binome, name="binome"),
    path("<int:pk>/status/", facilitation.status, name="status"),
    path("<int:pk>/close/", facilitation.close, name="close"),
    path("<int:pk>/sessions/new/", sessions.session_new, name="session_new"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("<int:pk>/follow-ups/new/", facilitation.followup_new, name="followup_new"),
    path("follow-ups/<int:pk>/toggle/", facilitation.followup_toggle, name="followup_toggle"),
    # Activity statistics (staff): the page and its exports, all taking the same
    # period parameters (`annee`, or `du` and `au`)
    path("statistiques/", stats.stats_page, name="stats"),
    path("statistiques/export/", stats.stats_export, name="stats_export"),
    path("statistiques/seances/export/", stats.sessions_export, name="sessions_export"),
]
