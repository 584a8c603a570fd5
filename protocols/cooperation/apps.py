from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "protocols.cooperation"
    label = "cooperation"
    verbose_name = _("Protocoles de coopération")
    default_auto_field = "django.db.models.BigAutoField"
