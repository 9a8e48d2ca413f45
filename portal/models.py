"""Models shared by every app: the working-day calendar's overrides."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.text import NormalizedTextModel


class CalendarDay(NormalizedTextModel):
    """Ngày làm việc / ngày nghỉ điều chỉnh — an override of the public-holiday calendar.

    The government announces each year which weekdays become days off and which Saturdays are
    worked instead (LEGAL §6.1); the `holidays` package learns of them late, so an administrator
    records them here and they win over the package.
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"),
        help_text=_("Tick for a Saturday or holiday that is worked; untick for an extra day off."),
    )
    note = models.CharField(
        _("reason"),
        max_length=255,
        help_text=_(
            "For example: Official letter 1234/TB-VPCP swapping 2 January with 10 January."
        ),
    )

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ("-date",)

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.note}"
