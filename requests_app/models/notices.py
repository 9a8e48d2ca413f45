"""Official notices of a request (Decree 13 forms 02–05 and the redirection letter), numbered
"Số: N/TB-…" per agency per calendar year without gaps or duplicates (Decree 30/2020 Art 8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from portal.files import stored_name

from .request import InformationRequest


class NoticeKind(models.TextChoices):
    RECEIPT = "02", _("Form 02: receipt of the request")
    HANDLING = "03", _("Form 03: notice of how the request is handled")
    EXTENSION = "04", _("Form 04: extension notice")
    REFUSAL = "05", _("Form 05: refusal notice")
    REDIRECTION = "redirect", _("Letter directing to the responsible agency")


class NoticeCounter(models.Model):
    """The last number given to a notice of one agency in one year; locked while numbering."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("agency", "year"), name="one_counter_per_agency_year"),
        )

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last_number}"


def notice_upload_to(instance, filename):
    return stored_name(f"notices/{instance.agency_id}/{instance.year}", filename)


class Notice(models.Model):
    """Thông báo — one official notice, as issued and signed."""

    Kind = NoticeKind

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="notices"
    )
    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("notice"), max_length=10, choices=NoticeKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)
    issued_on = models.DateField(_("date"))
    place_name = models.CharField(_("place"), max_length=100)
    signer_title = models.CharField(_("signer's position"), max_length=100)
    signer_name = models.CharField(_("signer's name"), max_length=150)
    pdf = models.FileField(_("PDF"), upload_to=notice_upload_to, max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("request", "issued_at")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "year", "number"), name="notice_numbers_unique"
            ),
        )

    def __str__(self):
        return f"{self.reference} ({self.get_kind_display()})"

    @property
    def reference(self) -> str:
        # Decree 30/2020 Appendix I: numbers below 10 take a leading zero.
        return f"{self.number:02d}/{self.symbol}"
