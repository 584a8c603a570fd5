from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PSCConfig(AppConfig):
    """An app of its own because allauth finds its providers among the
    installed apps (`<app>.provider`, `<app>.urls`)."""

    name = "gecolib.psc"
    label = "gecolib_psc"
    verbose_name = _("Pro Santé Connect")

    def ready(self) -> None:
        from . import session, sync

        session.connect()
        sync.connect()
