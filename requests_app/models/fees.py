"""Access costs (Law Art 12; Circular 46/2018/TT-BTC; LEGAL §3, §7.7): the fee table as data,
the itemised lines of a request, and its payment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.text import NormalizedTextModel

from .request import InformationRequest


class PaperSize(models.IntegerChoices):
    # Circular 46 appendix: A3 = 2 × A4, A2 = 4 × A4; A1 = 8 × A4 is UNVERIFIED (LEGAL §3.1),
    # so the multiplier is data on each line, not a rule hidden in code.
    A4 = 1, "A4"
    A3 = 2, "A3"
    A2 = 4, "A2"
    A1 = 8, "A1"


class FeeItem(NormalizedTextModel):
    """Một mục trong biểu chi phí — one line of the Circular 46/2018 table."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("work done"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50)
    unit_price = models.PositiveIntegerField(_("amount (VND)"))
    sizes_apply = models.BooleanField(
        _("paper size multipliers apply"),
        default=False,
        help_text=_("A3 counts 2 × A4, A2 4 ×, A1 8 ×."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("fee table item")
        verbose_name_plural = _("fee table")
        ordering = ("order", "code")

    def __str__(self):
        return f"{self.code}. {self.name} ({self.unit_price:,} đ/{self.unit})".replace(",", ".")


class FeeLine(NormalizedTextModel):
    """An itemised cost of one request, with the prices as they were when charged."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="fee_lines"
    )
    item = models.ForeignKey(
        FeeItem,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for postage."),
    )
    description = models.CharField(_("description"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=50)
    unit_price = models.PositiveIntegerField(_("unit price (VND)"))
    size_factor = models.PositiveSmallIntegerField(_("size"), default=1)
    area_rate = models.PositiveSmallIntegerField(_("rate (%)"), default=100)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ("request", "pk")

    def __str__(self):
        return f"{self.description}: {self.amount}"


class Payment(NormalizedTextModel):
    """The payment of a request's costs; one per request, recorded before provision."""

    request = models.OneToOneField(
        InformationRequest, on_delete=models.CASCADE, related_name="payment"
    )
    amount = models.PositiveBigIntegerField(_("amount paid (VND)"))
    paid_on = models.DateField(_("paid on"))
    receipt_reference = models.CharField(_("receipt number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.request}: {self.amount}"
