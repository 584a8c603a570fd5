from django.urls import path, register_converter

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import aci, carpec, detail, directory, health_project, invitations, lifecycle, members
from .views.aci import ACI_RULE_VERSIONS
from .views.health_project.pages import FORMER_ACTIONS
from .views.health_project.versions import HEALTH_PROJECT_VERSIONS

app_name = "structures"


class FormerTransitionConverter:
    """A status change of the health project as its former English address
    named it (« submit »), read as its French name (« soumettre »)."""

    regex = "|".join(FORMER_ACTIONS)

    def to_python(self, value: str) -> str:
        return FORMER_ACTIONS[value]

    def to_url(self, value: str) -> str:
        return value


register_converter(FormerTransitionConverter, "structures_former_transition")

# The health project's former English addresses, each answering 301 to its
# French one (tests/structures/moved_paths.py).
MOVED = [
    moved("<int:pk>/health-project/", "structures:health_project"),
    moved("<int:pk>/health-project/start/", "structures:health_project_start"),
    moved(
        "<int:pk>/health-project/sections/<slug:section>/edit/",
        "structures:health_project_edit_section",
    ),
    moved("<int:pk>/health-project/versions/", "structures:health_project_versions"),
    moved("<int:pk>/health-project/versions/compare/", "structures:health_project_compare"),
    moved("<int:pk>/health-project/versions/<int:number>/", "structures:health_project_version"),
    moved(
        "<int:pk>/health-project/versions/<int:number>/restore/",
        "structures:health_project_restore",
    ),
    moved(
        "<int:pk>/health-project/versions/<int:number>/pdf/",
        "structures:health_project_version_pdf",
    ),
    moved(
        "<int:pk>/health-project/status/<structures_former_transition:action>/",
        "structures:health_project_transition",
    ),
    moved("<int:pk>/health-project/pdf/", "structures:health_project_pdf"),
]

urlpatterns = [
    *MOVED,
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
    # The ACI rules (staff): points and euros shown by the tools
    path("aci/", aci.rule_list, name="aci_rules"),
    path("aci/nouvelle/", aci.rule_create, name="aci_rule_create"),
    path("aci/<int:pk>/modifier/", aci.rule_edit, name="aci_rule_edit"),
    *version_urls(ACI_RULE_VERSIONS, "aci/<int:pk>/versions/"),
    # The health project: sections, versions, status and PDF
    path("<int:pk>/projet-de-sante/", health_project.health_project, name="health_project"),
    path(
        "<int:pk>/projet-de-sante/commencer/",
        health_project.health_project_start,
        name="health_project_start",
    ),
    path(
        "<int:pk>/projet-de-sante/sections/<slug:section>/modifier/",
        health_project.health_project_edit_section,
        name="health_project_edit_section",
    ),
    *version_urls(HEALTH_PROJECT_VERSIONS, "<int:pk>/projet-de-sante/versions/"),
    path(
        "<int:pk>/projet-de-sante/versions/<int:number>/pdf/",
        health_project.health_project_version_pdf,
        name="health_project_version_pdf",
    ),
    path(
        "<int:pk>/projet-de-sante/statut/<slug:action>/",
        health_project.health_project_transition,
        name="health_project_transition",
    ),
    path(
        "<int:pk>/projet-de-sante/pdf/",
        health_project.health_project_pdf,
        name="health_project_pdf",
    ),
]
