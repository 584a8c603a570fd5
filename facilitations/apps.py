from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitationsConfig(AppConfig):
    name = "facilitations"
    verbose_name = _("Facilitations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .stats import background, cache  # noqa: F401  (background: registers exports)

        cache.connect()
