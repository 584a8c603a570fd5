from django.urls import path

from .views import carpec, detail, directory, health_project, invitations, lifecycle, members

app_name = "structures"

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("nouvelle/", detail.create, name="create"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/modifier/", detail.edit, name="edit"),
    path("<int:pk>/missions/", detail.missions, name="missions"),
    path("<int:pk>/membres/", members.members, name="members"),
    path("<int:pk>/membres/inviter/", members.invite, name="invite"),
    path(
        "<int:pk>/membres/<int:membership_pk>/role/",
        members.membership_role,
        name="membership_role",
    ),
    path(
        "<int:pk>/membres/<int:membership_pk>/sortie/",
        members.membership_end,
        name="membership_end",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/annuler/",
        members.invitation_cancel,
        name="invitation_cancel",
    ),
    # The invitee's side: their pending invitations, each by its signed link.
    path("invitations/", invitations.invitation_list, name="invitations"),
    path("invitations/<str:token>/", invitations.invitation_detail, name="invitation"),
    path(
        "invitations/<str:token>/rejoindre/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/<str:token>/decliner/",
        invitations.invitation_decline,
        name="invitation_decline",
    ),
    path("<int:pk>/etapes/", lifecycle.lifecycle, name="lifecycle"),
    path("<int:pk>/carpec/inscrire/", lifecycle.carpec_schedule, name="carpec_schedule"),
    path("carpec/", carpec.calendar, name="carpec_calendar"),
    path("carpec/<int:pk>/", carpec.session_detail, name="carpec_session"),
    path("carpec/examens/<int:pk>/avis/", carpec.review_outcome, name="carpec_review_outcome"),
    # The health project: sections, versions, status and PDF
    path("<int:pk>/health-project/", health_project.health_project, name="health_project"),
    path(
        "<int:pk>/health-project/start/",
        health_project.health_project_start,
        name="health_project_start",
    ),
    path(
        "<int:pk>/health-project/sections/<slug:section>/edit/",
        health_project.health_project_edit_section,
        name="health_project_edit_section",
    ),
    path(
        "<int:pk>/health-project/versions/",
        health_project.health_project_versions,
        name="health_project_versions",
    ),
    path(
        "<int:pk>/health-project/versions/compare/",
        health_project.health_project_diff,
        name="health_project_diff",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/",
        health_project.health_project_version,
        name="health_project_version",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/restore/",
        health_project.health_project_restore,
        name="health_project_restore",
    ),
    path(
        "<int:pk>/health-project/versions/<int:number>/pdf/",
        health_project.health_project_version_pdf,
        name="health_project_version_pdf",
    ),
    path(
        "<int:pk>/health-project/status/<slug:action>/",
        health_project.health_project_transition,
        name="health_project_transition",
    ),
    path(
        "<int:pk>/health-project/pdf/", health_project.health_project_pdf, name="health_project_pdf"
    ),
]
