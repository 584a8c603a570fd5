from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Autoévaluations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The report follows the campaigns' rows (its content key).
        from . import documents

        documents.connect()
