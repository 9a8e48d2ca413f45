from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = _("Disclosure catalogs")

    def ready(self):
        from .compliance import register_checks

        register_checks()
