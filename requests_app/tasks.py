"""The daily reminder of requests due soon and overdue (DESIGN §4)."""

from celery import shared_task
from django.utils import timezone

from portal.workdays import add_working_days

from .models import InformationRequest, Reminder
from .privacy import anonymise_due
from .services import remind

DUE_SOON_WORKING_DAYS = 2


@shared_task
def send_deadline_reminders() -> dict:
    """Remind officers of every running request due within 2 working days or overdue.

    It looks at every running request, not at what changed since the last run, so a run after
    beat was down for days misses nothing; the unique reminder row per request, kind and
    deadline means nothing is sent twice.
    """
    today = timezone.localdate()
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    requests = InformationRequest.objects.select_related("agency", "assigned_to")
    sent = {Reminder.Kind.DUE_SOON: 0, Reminder.Kind.OVERDUE: 0}
    for request_obj in requests.due_between(today, soon):
        sent[Reminder.Kind.DUE_SOON] += remind(
            request_obj, Reminder.Kind.DUE_SOON, request_obj.current_due
        )
    for request_obj in requests.overdue(today):
        sent[Reminder.Kind.OVERDUE] += remind(
            request_obj, Reminder.Kind.OVERDUE, request_obj.current_due
        )
    return {str(kind): count for kind, count in sent.items()}


@shared_task
def anonymise_old_requests() -> int:
    """Remove personal data of requests closed longer ago than the setting allows."""
    return anonymise_due()
