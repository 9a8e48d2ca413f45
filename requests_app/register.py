"""Sổ theo dõi cung cấp thông tin theo yêu cầu — the register of requests (Law Art 26(1),
Decree 13 Art 10(1)), kept electronically. No official template exists (LEGAL §7.3): the
columns are the recommended ones."""

import datetime

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import exports
from portal.citations import cite

from .models import InformationRequest, RequestRefusal

COLUMNS = (
    _("No."),
    _("Tracking code"),
    _("Date received"),
    _("Requester"),
    _("Identity document number"),
    _("Place of residence"),
    _("Received by"),
    _("Information requested"),
    _("Valid request received on"),
    _("Complexity"),
    _("Due"),
    _("Extended to"),
    _("Reason for the extension"),
    _("Status"),
    _("Grounds for refusal"),
    _("Form of provision"),
    _("Answered on"),
    _("Cost charged (VND)"),
    _("Cost paid (VND)"),
    _("Feedback and complaints"),
    _("Assigned officer"),
)


def _date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d/%m/%Y") if value else ""


def requests_in(agency, start: datetime.date, end: datetime.date):
    return (
        InformationRequest.objects.filter(
            agency=agency,
            received_at__date__gte=start,
            received_at__date__lte=end,
        )
        .select_related("assigned_to", "payment")
        .prefetch_related(Prefetch("refusals", queryset=RequestRefusal.objects.order_by("pk")))
        .annotate(complaint_count=Count("complaints", distinct=True))
        .order_by("received_at", "pk")
    )


def rows(queryset):
    yield [str(column) for column in COLUMNS]
    for number, req in enumerate(queryset.iterator(chunk_size=1000), start=1):
        paid = getattr(req, "payment", None)
        yield [
            number,
            req.tracking_code,
            _date(req.received_at),
            req.full_name,
            req.id_number,
            req.address,
            str(req.get_channel_display()),
            req.information,
            _date(req.valid_on),
            str(req.get_complexity_display()) if req.complexity else "",
            _date(req.due_on),
            _date(req.extended_due_on),
            req.extension_reason,
            str(req.get_status_display()),
            "; ".join(f"{r.label} ({cite(r.legal_basis)})" for r in req.refusals.all()),
            str(req.get_delivery_form_display()),
            _date(req.answered_at),
            req.fee_amount or 0,
            paid.amount if paid else 0,
            req.complaint_count,
            req.assigned_to.get_full_name() if req.assigned_to else "",
        ]


def download(agency, start, end, file_format: str):
    name = f"so-theo-doi-{agency.slug}-{start:%Y%m%d}-{end:%Y%m%d}.{file_format}"
    table = rows(requests_in(agency, start, end))
    if file_format == "xlsx":
        return exports.xlsx_response(table, name, "Sổ theo dõi")
    return exports.csv_response(table, name)
