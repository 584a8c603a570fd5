from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RcpConfig(AppConfig):
    name = "protocols.rcp"
    # The label of the app's tables and migrations since it stood at the top level.
    label = "rcp"
    verbose_name = _("RCP")
    default_auto_field = "django.db.models.BigAutoField"
