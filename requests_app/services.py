"""Use cases of the requests app that views, admin and tasks share."""

import hmac

from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agencies.models import Officer
from portal.mail import queue_mail

from . import workflow
from .models import (
    InformationRequest,
    Notice,
    Reminder,
    RequestAttachment,
    RequestMember,
    ResponseFile,
)
from .models.rules import revision_in_force

# Links to provided files stop working after this long; the tracking page makes fresh ones.
DOWNLOAD_LINK_SECONDS = 24 * 3600
_signer = TimestampSigner(salt="requests_app.response-file")


def submit_online(request_obj: InformationRequest, *, members, attachments) -> InformationRequest:
    """Record a request sent through the portal's form, with its members and files, at once."""
    with transaction.atomic():
        workflow.open_request(request_obj)
        RequestMember.objects.bulk_create(
            RequestMember(request=request_obj, **member) for member in members
        )
        for kind, upload in attachments:
            RequestAttachment.objects.create(request=request_obj, kind=kind, file=upload)
    return request_obj


def matches_second_factor(request_obj: InformationRequest, secret: str) -> bool:
    """The e-mail address given, or the last 4 digits of the identity document number."""
    secret = secret.strip()
    candidates = []
    if request_obj.email:
        candidates.append((request_obj.email.lower(), secret.lower()))
    digits = "".join(ch for ch in request_obj.id_number if ch.isalnum())
    if len(digits) >= 4:
        candidates.append((digits[-4:].upper(), secret.upper()))
    # compare_digest takes str only when it is ASCII: compare the UTF-8 bytes, so an accented
    # or otherwise non-ASCII answer is simply wrong instead of an error.
    return any(
        hmac.compare_digest(expected.encode(), given.encode()) for expected, given in candidates
    )


# What a requester may download: the files provided, and the notices sent to them.
_DOWNLOADABLE = {"file": (ResponseFile, "file"), "notice": (Notice, "pdf")}


def download_token(obj: ResponseFile | Notice) -> str:
    kind = "notice" if isinstance(obj, Notice) else "file"
    return _signer.sign(f"{kind}:{obj.pk}:{obj.request.tracking_code}")


def file_from_token(token: str):
    """The stored file a signed, unexpired token points to, or None."""
    try:
        value = _signer.unsign(token, max_age=DOWNLOAD_LINK_SECONDS)
    except (BadSignature, SignatureExpired):
        return None
    kind, _sep, rest = value.partition(":")
    pk, _sep, code = rest.partition(":")
    if kind not in _DOWNLOADABLE or not pk.isdigit():
        return None
    model, field = _DOWNLOADABLE[kind]
    obj = model.objects.filter(pk=pk, request__tracking_code=code).first()
    return getattr(obj, field) if obj else None


def rules_for_new_request():
    try:
        return revision_in_force(timezone.localdate())
    except LookupError:
        return None


# --- reminders ------------------------------------------------------------------------------


def remind(request_obj: InformationRequest, kind: str, due_on) -> bool:
    """Remind the officers of one request once per kind and deadline; True if sent now."""
    recipients = _recipients(request_obj)
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            request=request_obj, kind=kind, due_on=due_on, defaults={"recipients": recipients}
        )
        if created:
            _queue_reminder(reminder)
    return created


def _recipients(request_obj) -> list[str]:
    if request_obj.assigned_to and request_obj.assigned_to.email:
        return [request_obj.assigned_to.email]
    officers = Officer.objects.filter(agency=request_obj.agency_id, user__is_active=True)
    return sorted(officers.exclude(user__email="").values_list("user__email", flat=True))


def _queue_reminder(reminder) -> None:
    context = {
        "reminder": reminder,
        "request": reminder.request,
        "overdue": reminder.kind == Reminder.Kind.OVERDUE,
        "site": settings.PORTAL_SITE_URL,
    }
    with translation.override("vi"):
        subject = render_to_string("requests_app/email/reminder_subject.txt", context).strip()
        body = render_to_string("requests_app/email/reminder_body.txt", context)
    queue_mail(key=f"reminder:{reminder.pk}", to=reminder.recipients, subject=subject, body=body)
