from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and focal points")

    def ready(self):
        from portal.caching import refresh_on_change

        from .compliance import register_checks
        from .models import Agency, FocalPoint, InternalRegulation

        register_checks()
        refresh_on_change(Agency, FocalPoint, InternalRegulation)
