"""Personal data that does not outstay its purpose (Law 91/2025/QH15 on personal data; LEGAL §5.4).

A configurable number of years after a request is closed (PORTAL_ANONYMISE_AFTER_YEARS), the
requester's identity, contacts, files and the texts written to them are removed. What the yearly
statistics count stays: the agency, channel, kind of requester, dates, complexity, outcome,
refusal grounds, costs and payment.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import OutboxMessage

from .models import Complaint, InformationRequest, RequestEvent

ANONYMOUS = "—"
PERSONAL_TEXT_FIELDS = (
    "id_number",
    "address",
    "phone",
    "fax",
    "email",
    "nationality",
    "own_rights_link",
    "represented_name",
    "represented_relation",
    "organisation_name",
    "interest_link",
    "delivery_address",
    "assistance_note",
)


def cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    years = settings.PORTAL_ANONYMISE_AFTER_YEARS
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def due_for_anonymising(now=None):
    return InformationRequest.objects.filter(closed_at__lt=cutoff(now), anonymised_at__isnull=True)


def anonymise(request_obj: InformationRequest) -> None:
    with transaction.atomic():
        for name in PERSONAL_TEXT_FIELDS:
            setattr(request_obj, name, "")
        request_obj.full_name = ANONYMOUS
        request_obj.date_of_birth = None
        request_obj.anonymised_at = timezone.now()
        # Not through workflow: the status does not change, only personal data goes.
        InformationRequest.objects.filter(pk=request_obj.pk).update(
            **dict.fromkeys(PERSONAL_TEXT_FIELDS, ""),
            full_name=ANONYMOUS,
            date_of_birth=None,
            anonymised_at=request_obj.anonymised_at,
        )
        request_obj.members.all().delete()
        for attached in [*request_obj.attachments.all(), *request_obj.response_files.all()]:
            attached.file.delete(save=False)
            attached.delete()
        for notice in request_obj.notices.exclude(pdf=""):
            notice.pdf.delete(save=False)  # the PDF names the requester; its number stays
            type(notice).objects.filter(pk=notice.pk).update(pdf="")
        # The event log stays as a record of what happened, without what was said to them.
        RequestEvent.objects.filter(request=request_obj).update(note="", internal_note="")
        event_keys = [
            f"request-event:{pk}" for pk in request_obj.events.values_list("pk", flat=True)
        ]
        mails = Q(key__in=event_keys)
        complaints = Complaint.objects.filter(request=request_obj)
        for pk in complaints.values_list("pk", flat=True):  # answers: complaints.answer()
            mails |= Q(key__startswith=f"complaint-answer:{pk}:")
        OutboxMessage.objects.filter(mails).update(to=[], body=_("(removed: personal data)"))
        complaints.update(full_name=ANONYMOUS, email="", phone="", address="")


def anonymise_due(now=None) -> int:
    count = 0
    for request_obj in due_for_anonymising(now).iterator():
        anonymise(request_obj)
        count += 1
    return count
