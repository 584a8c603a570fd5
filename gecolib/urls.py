from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from .moved_urls import moved_prefix
from .psc import views as psc_views
from .views import (
    calendar_feeds,
    charter,
    exports,
    health,
    home,
    markdown,
    profile,
    public_pages,
    security,
    users,
)
from .views.revisions import version_urls

# The admin signs in through the portal's login (second factor, rate limits);
# set before `admin.site.urls` reads it below.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home.home, name="home"),
    path("a-faire/", home.todo_list, name="todo_list"),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.healthz_ready, name="healthz_ready"),
    path("accounts/", include("allauth.urls")),
    path("compte/profil/", profile.profile, name="profile"),
    path("compte/pro-sante-connect/relier/", psc_views.link_pending, name="psc_link_pending"),
    path("compte/pro-sante-connect/delier/", psc_views.unlink, name="psc_unlink"),
    path(
        "compte/agenda/nouveau-lien/",
        calendar_feeds.calendar_feed_renew,
        name="calendar_feed_renew",
    ),
    path(
        "compte/agenda/supprimer-lien/",
        calendar_feeds.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("agenda/<str:token>.ics", calendar_feeds.calendar_feed, name="calendar_feed"),
    path("securite/rapport-csp/", security.csp_report, name="csp_report"),
    path("markdown/apercu/", markdown.markdown_preview, name="markdown_preview"),
    path("markdown/apercu/<slug:flavour>/", markdown.markdown_preview, name="markdown_preview"),
    path("charte/", charter.charter, name="charter"),
    path("charte/accepter/", charter.charter_accept, name="charter_accept"),
    path("charte/modifier/", charter.charter_edit, name="charter_edit"),
    *version_urls(charter.CHARTER_VERSIONS, "charte/versions/"),
    path("exports/<uuid:pk>/", exports.export_job, name="export_job"),
    path(
        "exports/<uuid:pk>/progression/",
        exports.export_job_progress,
        name="export_job_progress",
    ),
    path("exports/<uuid:pk>/fichier/", exports.export_job_file, name="export_job_file"),
    path("equipe/utilisateurs/", users.user_list, name="user_list"),
    path("equipe/utilisateurs/<int:pk>/role/", users.user_role, name="user_role"),
    path("contact/", public_pages.contact, name="contact"),
    path("contact/messages/", public_pages.contact_messages, name="contact_messages"),
    path("mentions-legales/", public_pages.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", public_pages.personal_data, name="personal_data"),
    path("compte/mes-donnees.json", public_pages.personal_data_export, name="personal_data_export"),
    path("compte/supprimer/", public_pages.account_delete, name="account_delete"),
    path("accessibilite/", public_pages.accessibility, name="accessibility"),
    path("structures/", include("structures.urls")),
    path("facilitations/", include("facilitations.urls")),
    path("protocoles/rcp/", include("protocols.rcp.urls")),
    path("protocoles/cooperation/", include("protocols.cooperation.urls")),
    path("protocoles/", include("protocols.coordination.urls")),
    moved_prefix("protocols/", "protocoles/"),
    path("evaluations/", include("assessments.urls")),
    path("guide/", include("guide.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "GECO Lib' – administration"
admin.site.site_title = "GECO Lib'"
