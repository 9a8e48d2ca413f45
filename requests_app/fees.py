"""Access costs of a request (Law Art 12; Circular 46/2018/TT-BTC Arts 3–4; LEGAL §3).

Amounts come from the fee table (data, editable by superusers), times the paper-size factor,
times the agency's area rate (100 %, 70 % or 50 %). Postage is charged at the postal tariff and
only when the information is sent by post: sending by e-mail or fax costs nothing (Art 3(2)).
"""

from django.utils import translation
from django.utils.translation import gettext as _

from .choices import DeliveryForm, Status
from .models import FeeItem, FeeLine, InformationRequest, PaperSize, Payment

MAX_QUANTITY = 100_000
MAX_POSTAGE = 10_000_000  # VND; anything above is a typing mistake
EDITABLE_IN = (Status.VALID, Status.EXTENDED)


class FeeError(Exception):
    """A cost line or payment is not acceptable; the message says why."""


def is_editable(request_obj: InformationRequest) -> bool:
    """Costs change while the request is handled and until they are paid, never after."""
    return (
        request_obj.status in EDITABLE_IN
        and not Payment.objects.filter(request=request_obj).exists()
    )


def _check_editable(request_obj: InformationRequest) -> None:
    if request_obj.status not in EDITABLE_IN:
        raise FeeError(
            _("Costs are set while the request is being handled, before asking for payment.")
        )
    if not is_editable(request_obj):
        # What was paid is what form 03 notified; a line added later would be provided unpaid.
        raise FeeError(_("The costs have been paid as notified and can no longer be changed."))


def line_amount(unit_price: int, quantity: int, size_factor: int, area_rate: int) -> int:
    return round(unit_price * quantity * size_factor * area_rate / 100)


def add_item(
    request_obj: InformationRequest, item: FeeItem, quantity: int, size: int = PaperSize.A4
) -> FeeLine:
    _check_editable(request_obj)
    if not item.is_active:
        raise FeeError(_("This item of the fee table is no longer in use."))
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise FeeError(
            _("The quantity must be a whole number from 1 to %(max)s.") % {"max": MAX_QUANTITY}
        )
    if size not in PaperSize.values or (size != PaperSize.A4 and not item.sizes_apply):
        raise FeeError(_("This item is charged per unit, without a paper size."))
    area_rate = request_obj.agency.area_rate
    return FeeLine.objects.create(
        request=request_obj,
        item=item,
        description=f"{item.code}. {item.name}"
        + (f" ({PaperSize(size).label})" if size != 1 else ""),
        quantity=quantity,
        unit=item.unit,
        unit_price=item.unit_price,
        size_factor=size,
        area_rate=area_rate,
        amount=line_amount(item.unit_price, quantity, size, area_rate),
    )


def postage_allowed(request_obj: InformationRequest) -> bool:
    return request_obj.delivery_form == DeliveryForm.POST


def add_postage(request_obj: InformationRequest, amount: int) -> FeeLine:
    _check_editable(request_obj)
    if not postage_allowed(request_obj):
        raise FeeError(_("Postage is charged only when the information is sent by post."))
    if not isinstance(amount, int) or not 1 <= amount <= MAX_POSTAGE:
        raise FeeError(
            _("Postage must be a positive amount of at most %(max)s đồng.") % {"max": MAX_POSTAGE}
        )
    with translation.override("vi"):  # printed on the Vietnamese notice, whoever typed it
        description, unit = _("Postage (postal tariff)"), _("parcel")
    return FeeLine.objects.create(
        request=request_obj,
        description=description,
        quantity=1,
        unit=unit,
        unit_price=amount,
        amount=amount,
    )


def remove_line(line: FeeLine) -> None:
    _check_editable(line.request)
    line.delete()


def total(request_obj: InformationRequest) -> int:
    return sum(line.amount for line in request_obj.fee_lines.all())


def is_unpaid(request_obj: InformationRequest) -> bool:
    """Costs were set and not paid: the information may not be provided (Decree 13 Art 13)."""
    has_costs = request_obj.fee_lines.exists()
    return has_costs and not hasattr(request_obj, "payment")
