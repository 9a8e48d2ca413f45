"""Deadlines of requests, counted on the working-day calendar (portal/workdays.py, LEGAL §6).

Counting starts the day after the valid request was received (Civil Code Art 147). Limits in
working days skip weekends, holidays and days off; limits in plain days (the extensions of Law
Arts 30–31) count every day and, when they end on a day off, end on the next working day
(Civil Code Art 148). ``explain`` lists every day walked and why each counted or not.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.workdays import ONE_DAY, WorkingCalendar

from .choices import DayUnit


@dataclass(frozen=True)
class Deadlines:
    notice_due_on: datetime.date | None  # written notice of the handling time (complex cases)
    due_on: datetime.date  # provide the information or refuse in writing


@dataclass(frozen=True)
class ExplainedDay:
    date: datetime.date
    counted: bool
    reason: str


def period_end(calendar, start: datetime.date, days: int, unit: str) -> datetime.date:
    if days == 0:
        return start  # "immediately": the same day (Law Art 29(1)(a))
    if unit == DayUnit.WORKING:
        return calendar.add_working_days(start, days)
    return calendar.next_working_day(start + datetime.timedelta(days=days))


def compute(revision, limit_group: str, complexity: str, valid_on: datetime.date) -> Deadlines:
    limit = revision.time_limit(limit_group, complexity)
    calendar = WorkingCalendar.around(valid_on)
    notice = (
        calendar.add_working_days(valid_on, limit["notice_days"]) if limit["notice_days"] else None
    )
    due = period_end(calendar, valid_on, limit["provide_days"], limit["provide_unit"])
    return Deadlines(notice_due_on=notice, due_on=due)


def extension_cap(revision, limit_group: str, complexity: str, due_on: datetime.date):
    """The latest date an extension may reach, or None when the rule set allows none."""
    limit = revision.time_limit(limit_group, complexity)
    if not limit["extension_days"]:
        return None
    calendar = WorkingCalendar.around(due_on)
    return period_end(calendar, due_on, limit["extension_days"], limit["extension_unit"])


def working_days_taken(request, on: datetime.date) -> int:
    """Working days from the valid request (or its receipt, if never accepted) to ``on``."""
    start = request.valid_on or timezone.localdate(request.received_at)
    if on <= start:
        return 0
    return WorkingCalendar(start, on + ONE_DAY).working_days_between(start, on)


def met_deadline(request, on: datetime.date) -> bool | None:
    """Whether an answer given on ``on`` met the request's deadline; None without one."""
    due = request.current_due_on
    return None if due is None else on <= due


def explain(start: datetime.date, end: datetime.date, unit: str, amount: int) -> list[ExplainedDay]:
    """Every day from the day after ``start`` to ``end``, counted or skipped, with the reason."""
    calendar = WorkingCalendar(start, end + ONE_DAY)
    days, date = [], start
    while date < end:
        date += ONE_DAY
        day = calendar.day(date)
        if unit == DayUnit.WORKING:
            counted, reason = day.is_working_day, day.reason or _("Working day")
        elif (date - start).days <= amount:
            counted, reason = True, day.reason or _("Day")
        else:
            # Past the last plain day, which was a day off (Civil Code Art 148).
            counted = False
            reason = _("%(reason)s; the period ends on the next working day") % {
                "reason": day.reason or _("Day off")
            }
        days.append(ExplainedDay(date, counted, reason))
    return days


def explain_request(request) -> list[dict]:
    """The periods of a request's deadline, each with its days explained."""
    if not request.valid_on or not request.due_on:
        return []
    limit = request.rule_revision.time_limit(request.limit_group, request.complexity)
    periods = [
        {
            "title": _("Time limit to provide or refuse"),
            "start": request.valid_on,
            "end": request.due_on,
            "amount": limit["provide_days"],
            "unit": limit["provide_unit"],
            "in_working_days": limit["provide_unit"] == DayUnit.WORKING,
            "days": explain(
                request.valid_on, request.due_on, limit["provide_unit"], limit["provide_days"]
            ),
        }
    ]
    if request.extended_due_on:
        periods.append(
            {
                "title": _("Extension"),
                "start": request.due_on,
                "end": request.extended_due_on,
                "amount": limit["extension_days"],
                "unit": limit["extension_unit"],
                "in_working_days": limit["extension_unit"] == DayUnit.WORKING,
                "days": explain(
                    request.due_on,
                    request.extended_due_on,
                    limit["extension_unit"],
                    limit["extension_days"],
                ),
            }
        )
    return periods
