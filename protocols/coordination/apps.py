from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "protocols.coordination"
    # The label of the app's tables and migrations since it held the whole of
    # protocols/ (the national cooperation protocols too, until 0004).
    label = "protocols"
    verbose_name = _("Protocoles de coordination")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A protocol's PDFs follow its parts (their content keys).
        from . import documents

        documents.connect()
