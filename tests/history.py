"""Requests taken through the workflow on given dates, as a paper register is taken over."""

import datetime

from django.utils import timezone

from requests_app import fees, workflow
from requests_app.models import FeeItem
from tests import factories

D = datetime.date


def at_nine(date: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))


def play(agency, officer, *, received: D, channel="online", steps=(), fee=0, extra=None):
    """A request received on ``received``, then each (action, date, params) step on its date."""
    request_obj = factories.make_request(
        agency, channel=channel, received_at=at_nine(received), **(extra or {})
    )
    for action, date, params in steps:
        params = dict(params)
        if action == "accept":
            params["valid_on"] = date
        if action == "ask_payment":
            fees.add_item(request_obj, FeeItem.objects.get(code="1.1"), 10)
            params["payment_due_on"] = date + datetime.timedelta(days=5)
        if action == "payment_received":
            params |= {"paid_amount": fee, "paid_on": date}
        workflow.transition(request_obj, action, actor=officer, at=at_nine(date), **params)
    request_obj.refresh_from_db()
    return request_obj
