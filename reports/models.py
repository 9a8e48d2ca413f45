"""The yearly statistics of access to information and their reports (Decree 13 Art 12(4);
Law Art 13(2); LEGAL §2.10, §7.8).

A report covers a period (a calendar year by default) and a scope (the province or one
agency). Its figures are a snapshot: compiled by a Celery job (reports/compilation.py) into one
``AgencyYearStatistics`` row per agency plus the scope's totals on the report, all replaced in
one transaction, so a reader never sees half a report.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from portal.text import NormalizedTextModel

from .choices import COMPILED, IN_PROGRESS, ReportState
from .periods import Period
from .querysets import ReportQuerySet


class YearlyReport(NormalizedTextModel):
    """Báo cáo tình hình thực hiện Luật Tiếp cận thông tin — one period's statistics."""

    State = ReportState

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the whole province."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Each compilation gets a new run id; a task carrying an older one does nothing.
    run_id = models.UUIDField(default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the schedule started it."),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    compiled_at = models.DateTimeField(_("compiled"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    rule_sets = models.JSONField(_("legal rule sets in force"), default=list, blank=True)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    previous_totals = models.JSONField(_("totals of the previous period"), default=dict)
    oldest_pending = models.JSONField(_("oldest pending requests"), default=list, blank=True)
    ground_labels = models.JSONField(_("refusal grounds"), default=dict, blank=True)
    check_results = models.JSONField(_("consistency checks"), default=dict, blank=True)

    # Decree 13 Art 12(4)(a), (c), (d): written by DOJ staff before publishing.
    situation = models.TextField(_("situation of disclosure and provision"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    recommendations = models.TextField(_("recommended measures"), blank=True)

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Decree 30/2020 Appendix I: numbered from 1 each calendar year in the issuer's register.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Bumped whenever what the PDF shows changes; the stored PDF is served only if it matches.
    content_version = models.PositiveIntegerField(default=1, editable=False)
    pdf = models.FileField(_("PDF"), upload_to="reports/", max_length=300, blank=True)
    pdf_version = models.PositiveIntegerField(default=0, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("-period_end", "-requested_at")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_it_starts",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
            models.UniqueConstraint(
                fields=("number_year", "number"), name="report_number_unique_per_year"
            ),
            # One report being prepared per period and scope; published ones stay as issued.
            models.UniqueConstraint(
                "period_start",
                "period_end",
                Coalesce("agency", models.Value(0)),
                condition=~models.Q(state=ReportState.PUBLISHED),
                name="one_open_report_per_period_and_scope",
            ),
        )
        indexes = (models.Index(fields=("state", "-period_end"), name="report_state_period"),)

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self):
        scope = (
            self.agency.name
            if self.agency_id
            else _("%(province)s province") % {"province": settings.PORTAL_PROVINCE}
        )
        if self.is_calendar_year:
            return _("Access to information in %(year)s — %(scope)s") % {
                "year": self.period_start.year,
                "scope": scope,
            }
        return _("Access to information from %(start)s to %(end)s — %(scope)s") % {
            "start": self.period_start.strftime("%d/%m/%Y"),
            "end": self.period_end.strftime("%d/%m/%Y"),
            "scope": scope,
        }

    @property
    def is_calendar_year(self) -> bool:
        start, end = self.period_start, self.period_end
        return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
            start.year == end.year
        )

    @property
    def is_compiled(self) -> bool:
        return self.state in COMPILED

    @property
    def is_in_progress(self) -> bool:
        return self.state in IN_PROGRESS

    @property
    def checks_passed(self) -> bool:
        return bool(self.check_results) and not self.check_results.get("failed")

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def has_narrative(self) -> bool:
        return all(
            text.strip() for text in (self.situation, self.difficulties, self.recommendations)
        )

    @property
    def pdf_is_current(self) -> bool:
        return bool(self.pdf) and self.pdf_version == self.content_version


class AgencyYearStatistics(models.Model):
    """One agency's figures in a report (LEGAL §7.8), as compiled."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="rows")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    figures = models.JSONField(_("figures"), default=dict)
    previous = models.JSONField(_("figures of the previous period"), default=dict)

    class Meta:
        verbose_name = _("agency statistics")
        verbose_name_plural = _("agency statistics")
        ordering = ("report", "agency__name")
        constraints = (
            models.UniqueConstraint(fields=("report", "agency"), name="one_row_per_agency"),
        )

    def __str__(self):
        return f"{self.report} — {self.agency}"
