"""The Department of Justice's dashboard: every agency's compliance and timeliness now, and
what is overdue across the province, from live data in a fixed number of queries."""

import datetime

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from portal.workdays import WorkingCalendar
from requests_app.choices import ANSWERED, OPEN
from requests_app.models import InformationRequest

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


def _count(queryset):
    counted = (
        queryset.filter(agency=OuterRef("pk"))
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def agencies(queryset, today: datetime.date):
    """``queryset`` of agencies annotated with their requests' figures."""
    requests = InformationRequest.objects.all()
    since = timezone.make_aware(datetime.datetime.combine(today - WINDOW, datetime.time.min))
    answered = requests.filter(outcome__in=ANSWERED, outcome_at__gte=since)
    return queryset.with_compliance().annotate(
        open_requests=_count(requests.filter(status__in=OPEN)),
        overdue_requests=_count(requests.overdue(today)),
        answered_recently=_count(answered),
        on_time_recently=_count(answered.filter(on_time=True)),
        late_recently=_count(answered.filter(on_time=False)),
        on_time_rate=Case(
            When(Q(on_time_recently=0) & Q(late_recently=0), then=Value(None)),
            default=ExpressionWrapper(
                F("on_time_recently") * 100.0 / (F("on_time_recently") + F("late_recently")),
                output_field=FloatField(),
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
    """Province-wide counts for the dashboard's chart, in one query."""
    # Aggregate aliases must differ from the annotations they count.
    flags = ("has_active_focal_point", "has_current_regulation", "has_published_catalog")
    found = queryset.aggregate(
        n_agencies=Count("pk"),
        n_with_overdue=Count("pk", filter=Q(overdue_requests__gt=0)),
        **{f"n_{flag}": Count("pk", filter=Q(**{flag: True})) for flag in flags},
    )
    return {key.removeprefix("n_"): value for key, value in found.items()}


def agency_queryset():
    return Agency.objects.active().in_directory_order()


def compliance_chart(summary: dict) -> dict:
    agencies = summary["agencies"] or 1
    items = [
        (_("Active focal point"), summary["has_active_focal_point"]),
        (_("Internal regulation in force"), summary["has_current_regulation"]),
        (_("List of information disclosed published"), summary["has_published_catalog"]),
        (_("With overdue requests"), summary["with_overdue"]),
    ]
    return bar_chart(
        _("Agencies, out of %(total)s") % {"total": summary["agencies"]},
        [(label, round(100 * value / agencies, 1)) for label, value in items],
        unit="%",
    )
