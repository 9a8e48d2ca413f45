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


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent, written in the same transaction as what it reports.

    A Celery task sends it after commit; if the broker is down then, the periodic flush sends it
    when the broker is back. ``key`` makes queuing idempotent and ``sent_at`` makes sending so.
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ("-created_at",)
        indexes = (models.Index(fields=("sent_at", "created_at"), name="outbox_pending"),)

    def __str__(self):
        return self.subject
