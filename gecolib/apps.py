from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .registry import PLUGIN_MODULES


class GecolibConfig(AppConfig):
    name = "gecolib"
    verbose_name = _("Portail GECO Lib'")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app plugs into the core's registries from modules of these names.
        autodiscover_modules(*PLUGIN_MODULES)
        from . import account_adapter, account_counts, folded_search

        account_adapter.connect()
        account_counts.connect()
        folded_search.connect()
