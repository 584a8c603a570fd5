from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import export_jobs, feeds, public_pages, security, views

# The admin signs in through the portal's login (second factor, rate limits);
# set before `admin.site.urls` reads it below.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
    path("accounts/", include("allauth.urls")),
    path("compte/profil/", views.profile, name="profile"),
    path("compte/agenda/nouveau-lien/", feeds.calendar_feed_renew, name="calendar_feed_renew"),
    path("compte/agenda/supprimer-lien/", feeds.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("agenda/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("securite/rapport-csp/", security.csp_report, name="csp_report"),
    path("markdown/apercu/", views.markdown_preview, name="markdown_preview"),
    path("charte/", views.charter, name="charter"),
    path("charte/accepter/", views.charter_accept, name="charter_accept"),
    path("charte/modifier/", views.charter_edit, name="charter_edit"),
    path("charte/versions/", views.charter_history, name="charter_history"),
    path("charte/versions/comparer/", views.charter_compare, name="charter_compare"),
    path("charte/versions/<int:number>/", views.charter_version, name="charter_version"),
    path("charte/versions/<int:number>/restaurer/", views.charter_restore, name="charter_restore"),
    path("exports/<uuid:pk>/", export_jobs.export_job, name="export_job"),
    path(
        "exports/<uuid:pk>/progression/",
        export_jobs.export_job_progress,
        name="export_job_progress",
    ),
    path("exports/<uuid:pk>/fichier/", export_jobs.export_job_file, name="export_job_file"),
    path("equipe/utilisateurs/", views.user_list, name="user_list"),
    path("equipe/utilisateurs/<int:pk>/role/", views.user_role, name="user_role"),
    path("contact/", public_pages.contact, name="contact"),
    path("contact/messages/", public_pages.contact_messages, name="contact_messages"),
    path("mentions-legales/", public_pages.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", public_pages.personal_data, name="personal_data"),
    path("compte/mes-donnees.json", public_pages.personal_data_export, name="personal_data_export"),
    path("compte/supprimer/", public_pages.account_delete, name="account_delete"),
    path("accessibilite/", public_pages.accessibility, name="accessibility"),
    path("structures/", include("structures.urls")),
    path("facilitations/", include("facilitations.urls")),
    path("protocols/rcp/", include("rcp.urls")),
    path("protocols/", include("protocols.urls")),
    path("guide/", include("guide.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "GECO Lib' – administration"
admin.site.site_title = "GECO Lib'"
