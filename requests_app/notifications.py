"""What the requester is told at each public step, queued in the outbox (portal/mail.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.mail import queue_mail


def tell_requester(event) -> None:
    """Queue the e-mail for an event the requester must be told about, once."""
    request_obj = event.request
    if not (event.notify_requester and request_obj.email):
        return
    context = {
        "event": event,
        "req": request_obj,
        "status": request_obj.get_status_display,
        "tracking_url": settings.PORTAL_SITE_URL + reverse("requests_app:track"),
        "accepted": event.action == "accept",
        "extended": event.action == "extend",
        "asks_payment": event.action == "ask_payment",
    }
    with translation.override("vi"):
        subject = render_to_string("requests_app/email/step_subject.txt", context).strip()
        body = render_to_string("requests_app/email/step_body.txt", context)
    queue_mail(key=f"request-event:{event.pk}", to=[request_obj.email], subject=subject, body=body)
