from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GecolibConfig(AppConfig):
    name = "gecolib"
    verbose_name = _("Portail GECO Lib'")
    default_auto_field = "django.db.models.BigAutoField"
