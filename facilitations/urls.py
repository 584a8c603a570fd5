from . import urls_core, urls_stats

app_name = "facilitations"

# Requests, triage, facilitations and their log; then activity statistics.
urlpatterns = urls_core.urlpatterns + urls_stats.urlpatterns
