from django.urls import path

from . import views_stats

# Activity statistics (staff): the page and its exports, all taking the same
# period parameters (`annee`, or `du` and `au`).
urlpatterns = [
    path("statistiques/", views_stats.stats_page, name="stats"),
    path("statistiques/export/", views_stats.stats_export, name="stats_export"),
    path("statistiques/seances/export/", views_stats.sessions_export, name="sessions_export"),
]
