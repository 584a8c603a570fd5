from django.urls import path

from gecolib.views.revisions import version_urls

from .views import campaigns, grids, network, plan

app_name = "assessments"

urlpatterns = [
    # A structure's campaigns
    path("structures/<int:pk>/", campaigns.structure_campaigns, name="structure_campaigns"),
    path("structures/<int:pk>/ouvrir/", campaigns.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", campaigns.campaign, name="campaign"),
    path("campagnes/<int:pk>/mes-reponses/", campaigns.campaign_answer, name="campaign_answer"),
    path("campagnes/<int:pk>/clore/", campaigns.campaign_close, name="campaign_close"),
    path("campagnes/<int:pk>/synthese/", campaigns.campaign_consensus, name="campaign_consensus"),
    path("campagnes/<int:pk>/rapport.pdf", campaigns.campaign_pdf, name="campaign_pdf"),
    # The improvement plan
    path("campagnes/<int:pk>/actions/nouvelle/", plan.action_create, name="action_create"),
    path("actions/<int:pk>/realisee/", plan.action_done, name="action_done"),
    # Staff: the network's figures and the grids
    path("reseau/", network.network, name="network"),
    path("grilles/", grids.grid_list, name="grids"),
    path("grilles/<int:pk>/", grids.grid, name="grid"),
    path("grilles/<int:pk>/modifier/", grids.grid_edit, name="grid_edit"),
    path("grilles/niveaux/<int:pk>/modifier/", grids.level_edit, name="level_edit"),
    path("grilles/dimensions/<int:pk>/modifier/", grids.dimension_edit, name="dimension_edit"),
    *version_urls(grids.GRID_VERSIONS, "grilles/<int:pk>/versions/"),
]
