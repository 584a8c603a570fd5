from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class GecolibConfig(AppConfig):
    name = "gecolib"
    verbose_name = _("Portail GECO Lib'")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app registers its dashboard panels and public figures there.
        autodiscover_modules("dashboard")
        from . import account_counts

        account_counts.connect()
