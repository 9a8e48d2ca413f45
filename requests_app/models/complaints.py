"""Feedback, petitions, complaints and denunciations about how an agency provides information
(Decree 13 Art 8(4), Art 11(1)(3); Law Art 14) — personal data, for the agency only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from portal.text import NormalizedTextModel

from .request import InformationRequest


class ComplaintKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    PETITION = "petition", _("Petition")
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")


class ComplaintStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")


class Complaint(NormalizedTextModel):
    """Phản ánh, kiến nghị, khiếu nại — sent from the agency's page, answered in the admin."""

    Kind = ComplaintKind
    Status = ComplaintStatus

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="complaints"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ComplaintKind.choices)
    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("about the request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    content = models.TextField(_("content"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.NEW,
        editable=False,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("feedback or complaint")
        verbose_name_plural = _("feedback and complaints")
        ordering = ("-received_at",)

    def __str__(self):
        return f"{self.get_kind_display()} — {self.full_name}"
