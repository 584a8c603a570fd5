from django.urls import path

from . import views

app_name = "facilitations"

urlpatterns = [
    path("", views.workspace, name="workspace"),
]
