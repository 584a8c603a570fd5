from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RcpConfig(AppConfig):
    name = "rcp"
    verbose_name = _("RCP")
    default_auto_field = "django.db.models.BigAutoField"
