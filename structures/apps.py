from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class StructuresConfig(AppConfig):
    name = "structures"
    verbose_name = _("Structures d'exercice coordonné")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import documents, map_counts, signals  # noqa: F401  (signals: allauth's)

        documents.connect()
        map_counts.connect()

        # Apps add sections to a structure's pages and follow-ups to decisions.
        autodiscover_modules("sections", "followups")
