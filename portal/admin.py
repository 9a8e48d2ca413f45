from django.contrib import admin

from portal.admin_base import PortalModelAdmin
from portal.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(PortalModelAdmin):
    """Superusers only: no role group holds these permissions."""

    list_display = ("date", "is_working_day", "note")
    list_filter = ("is_working_day",)
    search_fields = ("note",)
    date_hierarchy = "date"
