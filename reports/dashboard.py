"""The Department of Justice's dashboard: every agency's compliance and timeliness now, and
what is overdue across the province, from live data in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from portal import compliance
from portal.workdays import WorkingCalendar
from requests_app.choices import ANSWERED, OPEN
from requests_app.models import InformationRequest

from .periods import local_midnight
from .presentation import bar_chart

# Timeliness on the dashboard looks back this far.
WINDOW = datetime.timedelta(days=365)
# Names sort by their folded form, so that "Đặc khu" comes among the Ds, not after the Zs.
SORTS = {
    "name": ("search_text",),
    "-name": ("-search_text",),
    "open": ("open_requests", "search_text"),
    "-open": ("-open_requests", "search_text"),
    "overdue": ("overdue_requests", "search_text"),
    "-overdue": ("-overdue_requests", "search_text"),
    "on_time": (F("on_time_rate").asc(nulls_last=True), "search_text"),
    "-on_time": (F("on_time_rate").desc(nulls_last=True), "search_text"),
}


@dataclass(frozen=True)
class Column:
    label: str
    key: str  # the sort key, ascending; "" for a column that does not sort
    first: str = "asc"  # the direction of the first click
    numeric: bool = False


COLUMNS = (
    Column(gettext_lazy("Agency"), "name"),
    Column(gettext_lazy("Focal point"), ""),
    Column(gettext_lazy("Regulation"), ""),
    Column(gettext_lazy("Disclosure list"), ""),
    Column(gettext_lazy("Open requests"), "open", "desc", True),
    Column(gettext_lazy("Overdue"), "overdue", "desc", True),
    Column(gettext_lazy("On time (12 months)"), "on_time", "asc", True),
)


def sort_headers(current: str, query: str) -> list[dict]:
    """Each column's header: its link (which reverses the order once sorted) and aria-sort."""
    headers = []
    for column in COLUMNS:
        header = {"label": column.label, "numeric": column.numeric, "url": "", "sort": "none"}
        if column.key:
            ascending, descending = column.key, f"-{column.key}"
            if current == ascending:
                header["sort"], target = "ascending", descending
            elif current == descending:
                header["sort"], target = "descending", ascending
            else:
                target = descending if column.first == "desc" else ascending
            header["url"] = f"?{query + '&' if query else ''}sort={target}"
        headers.append(header)
    return headers


def agencies(queryset, today: datetime.date):
    """``queryset`` of agencies annotated with their requests' figures."""
    requests = InformationRequest.objects.all()
    answered = requests.filter(outcome__in=ANSWERED, outcome_at__gte=local_midnight(today - WINDOW))
    count = compliance.count_per_agency
    return queryset.with_compliance().annotate(
        open_requests=count(requests.filter(status__in=OPEN)),
        overdue_requests=count(requests.overdue(today)),
        on_time_recently=count(answered.filter(on_time=True)),
        timed_recently=count(answered.filter(on_time__isnull=False)),
        on_time_rate=Case(
            When(timed_recently=0, then=Value(None)),
            default=ExpressionWrapper(
                F("on_time_recently") * 100.0 / F("timed_recently"), output_field=FloatField()
            ),
            output_field=FloatField(),
        ),
    )


def sorted_by(queryset, key: str):
    return queryset.order_by(*SORTS.get(key, ("kind_rank", "name")))


def overdue_now(today: datetime.date, agency_id: int | None = None, limit: int = 50):
    """The running requests past their deadline, oldest deadline first (no personal data)."""
    overdue = InformationRequest.objects.overdue(today)
    if agency_id is not None:
        overdue = overdue.filter(agency_id=agency_id)
    total = overdue.count()
    rows = list(
        overdue.select_related("agency")
        .only("tracking_code", "status", "received_at", "due_on", "extended_due_on", "agency__name")
        .order_by("current_due", "received_at")[:limit]
    )
    if rows:
        calendar = WorkingCalendar(min(row.current_due for row in rows), today)
        for row in rows:
            row.working_days_overdue = calendar.working_days_between(row.current_due, today)
    return total, rows


def summary(queryset) -> dict:
    """Province-wide counts for the dashboard's figures and chart, in one query."""
    return queryset.aggregate_compliance(with_overdue=Count("pk", filter=Q(overdue_requests__gt=0)))


def compliance_chart(summary: dict) -> dict:
    agencies = summary["total"] or 1
    items = [(check.met, summary[check.key]) for check in compliance.checks()]
    items.append((_("With overdue requests"), summary["with_overdue"]))
    return bar_chart(
        _("Agencies, out of %(total)s") % {"total": summary["total"]},
        [(label, round(100 * value / agencies, 1)) for label, value in items],
        unit="%",
    )


def agency_queryset():
    return Agency.objects.active().in_directory_order()
