"""Issuing the official notices of a request as PDF (Decree 13 forms 02–05; LEGAL §2.8, §5.5).

Each kind may be issued only when the request is in a state the notice describes. The number is
taken from a per-agency, per-year counter locked in the same transaction that saves the notice,
so numbers have no gaps and no duplicates however many officers issue notices at once; if the
PDF cannot be rendered, the whole issue is rolled back and the number is not used.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.pdf import render_pdf
from portal.text import fold

from . import fees
from .choices import RUNNING, Status
from .models import InformationRequest, Notice, NoticeCounter, NoticeKind


class NoticeError(Exception):
    """The notice cannot be issued now; the message says why."""


@dataclass(frozen=True)
class NoticeRule:
    template: str
    allowed: Callable[[InformationRequest], bool]


RULES = {
    NoticeKind.RECEIPT: NoticeRule("receipt.html", lambda r: True),
    NoticeKind.HANDLING: NoticeRule(
        "handling.html",
        lambda r: (
            r.due_on is not None
            and r.status in (*RUNNING, Status.PROVIDED_FULL, Status.PROVIDED_PARTIAL)
        ),
    ),
    NoticeKind.EXTENSION: NoticeRule("extension.html", lambda r: r.extended_due_on is not None),
    NoticeKind.REFUSAL: NoticeRule(
        "refusal.html",
        lambda r: (
            r.status in (Status.REFUSED, Status.PROVIDED_PARTIAL)
            or (r.status == Status.CLOSED and r.refusals.exists())
        ),
    ),
    NoticeKind.REDIRECTION: NoticeRule(
        "redirection.html", lambda r: bool(r.redirected_to_id or r.redirected_to_name)
    ),
}


def allowed_kinds(request_obj: InformationRequest) -> list[NoticeKind]:
    return [kind for kind, rule in RULES.items() if rule.allowed(request_obj)]


def document_symbol(agency) -> str:
    code = agency.document_code or fold(agency.short_name).upper().replace(" ", "") or "UBND"
    return f"TB-{code}"


def issue(
    request_obj: InformationRequest,
    kind: str,
    *,
    actor,
    signer_title: str = "",
    signer_name: str = "",
) -> Notice:
    rule = RULES.get(kind)
    if rule is None:
        raise NoticeError(_("Unknown notice."))
    request_obj.refresh_from_db()
    if not rule.allowed(request_obj):
        raise NoticeError(
            _("“%(notice)s” cannot be issued while the request is “%(status)s”.")
            % {"notice": NoticeKind(kind).label, "status": request_obj.get_status_display()}
        )
    agency = request_obj.agency
    signer_title = (signer_title or agency.signer_title).strip()
    signer_name = (signer_name or agency.signer_name).strip()
    if not (signer_title and signer_name):
        raise NoticeError(_("Give the position and name of the person who signs."))
    today = timezone.localdate()
    with transaction.atomic():
        notice = Notice(
            agency=agency,
            request=request_obj,
            kind=kind,
            year=today.year,
            number=_next_number(agency, today.year),
            symbol=document_symbol(agency),
            issued_on=today,
            place_name=agency.place_name or settings.PORTAL_PROVINCE,
            signer_title=signer_title,
            signer_name=signer_name,
            issued_by=actor,
        )
        with translation.override("vi"):  # official documents are in Vietnamese
            pdf = render_pdf(f"requests_app/notices/{rule.template}", _context(notice))
        notice.pdf.save(f"{notice.number:02d}-{notice.symbol}.pdf", ContentFile(pdf), save=False)
        notice.save()
    return notice


def _next_number(agency, year: int) -> int:
    counter, _created = NoticeCounter.objects.get_or_create(agency=agency, year=year)
    counter = NoticeCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _context(notice: Notice) -> dict:
    request_obj = notice.request
    return {
        "notice": notice,
        "req": request_obj,
        "agency": notice.agency,
        "issuer": notice.agency,
        "received": timezone.localtime(request_obj.received_at),
        "due": request_obj.current_due_on,
        "lines": list(request_obj.fee_lines.all()),
        "total": fees.total(request_obj),
        "grounds": list(request_obj.refusals.all()),
        "partial": request_obj.status == Status.PROVIDED_PARTIAL,
        "site": settings.PORTAL_SITE_URL,
        # These two go inside a sentence of the notice ("Do <reason>, <agency> thông báo …"),
        # which has its own full stop.
        "payment_text": notice.agency.payment_instructions.strip().rstrip("."),
        "extension_reason": request_obj.extension_reason.strip().rstrip("."),
    }
