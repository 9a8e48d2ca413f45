from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = _("Disclosure catalogs")

    def ready(self):
        from portal.caching import refresh_on_change

        from .compliance import register_checks
        from .models import CatalogCorrection, CatalogEntry, CatalogFile

        register_checks()
        refresh_on_change(CatalogEntry, CatalogFile, CatalogCorrection)
