from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Guide de l'exercice coordonné")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The search index follows every saved page and attachment.
        from . import fragments
        from .search import indexing  # noqa: F401

        # A page's rendered body and PDF follow its files (their keys).
        fragments.connect()
