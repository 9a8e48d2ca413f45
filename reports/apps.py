from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from portal.caching import refresh_on_change

        from .models import YearlyReport

        refresh_on_change(YearlyReport)
