"""Use cases of feedback and complaints (Decree 13 Art 8(4))."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.mail import queue_mail

from .models import Complaint


class ComplaintError(Exception):
    pass


def answer(complaint: Complaint, text: str, *, actor) -> Complaint:
    """Record the agency's answer and queue it to the sender's e-mail, once."""
    text = text.strip()
    if not text:
        raise ComplaintError(_("Write the answer."))
    with transaction.atomic():
        complaint.answer = text
        complaint.status = Complaint.Status.ANSWERED
        complaint.answered_at = timezone.now()
        complaint.handled_by = actor
        complaint.save()
        with translation.override("vi"):
            subject = _("Answer from %(agency)s") % {"agency": complaint.agency.name}
        queue_mail(
            key=f"complaint-answer:{complaint.pk}:{complaint.answered_at.timestamp()}",
            to=[complaint.email],
            subject=subject,
            body=f"{text}\n\n{settings.PORTAL_SITE_URL}{complaint.agency.get_absolute_url()}",
        )
    return complaint
