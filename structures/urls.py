from . import urls_core, urls_health_project

app_name = "structures"

# Directory, structure pages, members, lifecycle and CARPEC; then the health
# project and its versions and PDF.
urlpatterns = urls_core.urlpatterns + urls_health_project.urlpatterns
