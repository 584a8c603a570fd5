from django.urls import path

from .views import carpec, detail, directory, lifecycle, members

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
    path("<int:pk>/etapes/", lifecycle.lifecycle, name="lifecycle"),
    path("<int:pk>/carpec/inscrire/", lifecycle.carpec_schedule, name="carpec_schedule"),
    path("carpec/", carpec.calendar, name="carpec_calendar"),
    path("carpec/<int:pk>/", carpec.session_detail, name="carpec_session"),
    path("carpec/examens/<int:pk>/avis/", carpec.review_outcome, name="carpec_review_outcome"),
]
