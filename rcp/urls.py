app_name = "rcp"

urlpatterns: list = []
