"""The indicators of a report, aggregated in the database (LEGAL §7.8; Decree 13 Art 12(4)(b)).

Each section is one grouped query with conditional aggregation over the period's rows, so the
memory a compilation uses depends on the number of agencies, never on the number of requests.
Additive figures of the scope (the province, or one agency) are the sums of its agencies' rows;
the processing-time figures (median, mean, lowest, highest) are computed again from
request-level data for the whole scope — the province median is never an average of agency
medians. Medians use ``percentile_cont`` on PostgreSQL and a window-function fallback on SQLite
that gives the same interpolated value.

Which requests count where (the cohorts):
- *received*: received in the period;
- *resolved*, *withdrawn*, *answered* and all timing figures: ended in the period, whenever
  they were received (the outcome is written by requests_app/workflow.py);
- *pending at the start / end*: received before that moment and not yet ended at it;
- costs: notified for the requests received in the period, and what of it was paid by its end.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone

from agencies.models import Agency, FocalPoint, InternalRegulation
from catalogs.choices import Catalog, Category
from catalogs.models import CatalogCorrection, CatalogEntry
from requests_app.choices import ANSWERED, RESOLVED, Channel, Complexity, Outcome, RequesterKind
from requests_app.models import (
    Complaint,
    ComplaintKind,
    InformationRequest,
    LegalRuleSet,
    RequestEvent,
    RequestRefusal,
)

from .periods import Period

# Both carry Art 28 grounds: a partial provision refuses the rest (Law Art 28; Decree 13 Art 7).
WITH_GROUNDS = (Outcome.PROVIDED_PARTIAL, Outcome.REFUSED)
# Law Art 14: complaints (and denunciations) about providing information; feedback is apart.
COMPLAINT_KINDS = (ComplaintKind.COMPLAINT, ComplaintKind.DENUNCIATION)

# Processing time in working days, in bands around the Law's limits (3, 5, 10 and 15 days).
BANDS = (("0", 0, 0), ("1-3", 1, 3), ("4-5", 4, 5), ("6-10", 6, 10), ("11-15", 11, 15),
         ("16-20", 16, 20), ("21+", 21, None))  # fmt: skip

# The figures kept for the year-on-year comparison.
COMPARED = ("received", "resolved", "refused", "answered", "on_time", "late", "days_median")
COMPLIANCE_FLAGS = (
    "has_focal_point",
    "has_regulation",
    "has_public_list",
    "has_conditional_list",
    "lists_updated",
)


@dataclass
class Compiled:
    rows: dict[int, dict] = field(default_factory=lambda: defaultdict(dict))
    totals: dict = field(default_factory=dict)
    ground_labels: dict[str, str] = field(default_factory=dict)
    rule_sets: list[dict] = field(default_factory=list)
    oldest_pending: list[dict] = field(default_factory=list)
    previous_rows: dict[int, dict] = field(default_factory=lambda: defaultdict(dict))
    previous_totals: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    period: Period
    agency_id: int | None = None  # None: the whole province

    def requests(self):
        qs = InformationRequest.objects.all()
        return qs.filter(agency_id=self.agency_id) if self.agency_id else qs

    def restrict(self, queryset, path: str = "agency"):
        return queryset.filter(**{f"{path}_id": self.agency_id}) if self.agency_id else queryset

    def active_in_period(self):
        """Requests received before the period ended and not ended before it started."""
        return self.requests().filter(
            Q(outcome_at__isnull=True) | Q(outcome_at__gte=self.period.start_at),
            received_at__lt=self.period.end_at,
        )

    def answered(self):
        return self.requests().filter(
            outcome__in=ANSWERED,
            outcome_at__gte=self.period.start_at,
            outcome_at__lt=self.period.end_at,
            working_days_taken__isnull=False,
        )

    def pending_at_end(self):
        return self.requests().filter(
            Q(outcome_at__isnull=True) | Q(outcome_at__gte=self.period.end_at),
            received_at__lt=self.period.end_at,
        )


# --- the request figures -------------------------------------------------------------------


def request_measures(period: Period, only: tuple[str, ...] | None = None) -> dict:
    """Every request figure (or those named in ``only``) as a conditional aggregate over
    ``Scope.active_in_period()``. (Medians are apart: in this query they would make the
    database sort every row by agency; over the answers alone they cost less.)"""
    measures = _all_measures(period)
    if only is not None:
        measures = {key: value for key, value in measures.items() if key in only}
    return measures


def _all_measures(period: Period) -> dict:
    received = Q(received_at__gte=period.start_at)
    ended = Q(outcome_at__lt=period.end_at)  # and not before the start: the base filter
    answered = ended & Q(outcome__in=ANSWERED)
    measures = {
        "received": Count("pk", filter=received),
        "pending_start": Count("pk", filter=Q(received_at__lt=period.start_at)),
        "pending_end": Count(
            "pk", filter=Q(outcome_at__isnull=True) | Q(outcome_at__gte=period.end_at)
        ),
        "resolved": Count("pk", filter=ended & Q(outcome__in=RESOLVED)),
        "answered": Count("pk", filter=answered),
        **{o.value: Count("pk", filter=ended & Q(outcome=o)) for o in Outcome},
        "extended": Count(
            "pk", filter=ended & Q(outcome__in=RESOLVED, extended_due_on__isnull=False)
        ),
        "on_time": Count("pk", filter=answered & Q(on_time=True)),
        "late": Count("pk", filter=answered & Q(on_time=False)),
        "untimed": Count("pk", filter=answered & Q(on_time__isnull=True)),
        "days_count": Count("working_days_taken", filter=answered),
        "days_sum": Sum("working_days_taken", filter=answered, default=0),
        "days_min": Min("working_days_taken", filter=answered),
        "days_max": Max("working_days_taken", filter=answered),
        **{
            f"band_{key}": Count(
                "pk",
                filter=answered
                & Q(working_days_taken__gte=low)
                & (Q(working_days_taken__lte=high) if high is not None else Q()),
            )
            for key, low, high in BANDS
        },
        **{f"channel_{c.value}": Count("pk", filter=received & Q(channel=c)) for c in Channel},
        **{
            f"complexity_{c.value}": Count("pk", filter=received & Q(complexity=c))
            for c in Complexity
        },
        "complexity_unassessed": Count("pk", filter=received & Q(complexity="")),
        "disability": Count("pk", filter=received & Q(needs_assistance=True)),
        "foreigners": Count("pk", filter=received & Q(requester_kind=RequesterKind.FOREIGNER)),
        "organisations": Count(
            "pk", filter=received & Q(requester_kind=RequesterKind.ORGANISATION)
        ),
        # Notified by the end of the period, so that a closed period's figure never moves.
        "fees_charged": Sum(
            "fee_amount", filter=received & Q(fee_notified_at__lt=period.end_at), default=0
        ),
        "fees_collected": Sum(
            "payment__amount", filter=received & Q(payment__paid_on__lte=period.end), default=0
        ),
    }
    return measures


# Figures of a scope that are not the sum of its agencies' figures.
NOT_ADDITIVE = ("days_min", "days_max", "days_median", "days_mean")


def request_figures(scope: Scope, only: tuple[str, ...] | None = None) -> dict[int, dict]:
    # Prefixed: a figure named like a field ("on_time") would shadow it inside the filters.
    measures = request_measures(scope.period, only)
    measures = {f"m_{key}": value for key, value in measures.items()}
    rows = scope.active_in_period().order_by().values("agency_id").annotate(**measures)
    return {
        row["agency_id"]: {key[2:]: value for key, value in row.items() if key != "agency_id"}
        for row in rows
    }


def processing_time_totals(rows, overall_median) -> dict:
    """The scope's processing-time figures: lowest and highest over its agencies, the mean from
    the sums, the median from request-level data (never from the agencies' medians)."""
    lows = [row["days_min"] for row in rows if row["days_min"] is not None]
    highs = [row["days_max"] for row in rows if row["days_max"] is not None]
    count = sum(row["days_count"] for row in rows)
    return {
        "days_min": min(lows, default=None),
        "days_max": max(highs, default=None),
        "days_median": overall_median,
        "days_mean": mean(sum(row["days_sum"] for row in rows), count),
    }


def mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


# --- medians -------------------------------------------------------------------------------


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY …)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction=0.5, **extra):
        super().__init__(expression, fraction=fraction, **extra)


def median(queryset, field_name: str) -> float | None:
    return medians(queryset, field_name, group=None).get(None)


def medians_and_overall(queryset, field_name: str) -> tuple[dict, float | None]:
    """The median per agency and over everything, from one scan on PostgreSQL
    (GROUPING SETS), from two queries elsewhere."""
    if connection.vendor != "postgresql":
        return medians(queryset, field_name), median(queryset, field_name)
    inner, params = queryset.order_by().values("agency_id", field_name).query.sql_with_params()
    column = connection.ops.quote_name(field_name)
    sql = (
        f"SELECT t.agency_id, GROUPING(t.agency_id), "
        f"percentile_cont(0.5) WITHIN GROUP (ORDER BY t.{column}) "
        f"FROM ({inner}) AS t GROUP BY GROUPING SETS ((t.agency_id), ())"
    )
    per_agency, overall = {}, None
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for agency_id, is_total, value in cursor.fetchall():
            if is_total:
                overall = value
            else:
                per_agency[agency_id] = value
    return per_agency, overall


def medians(queryset, field_name: str, group: str | None = "agency_id") -> dict:
    """The median of ``field_name`` per ``group`` (or overall), interpolated between the two
    middle values when their number is even."""
    queryset = queryset.order_by()
    if connection.vendor == "postgresql":
        if group is None:
            value = queryset.aggregate(m=PercentileCont(field_name))["m"]
            return {} if value is None else {None: value}
        rows = queryset.values(group).annotate(m=PercentileCont(field_name))
        return {row[group]: row["m"] for row in rows}
    return _medians_by_window(queryset, field_name, group)


def _medians_by_window(queryset, field_name: str, group: str | None) -> dict:
    partition = [F(group)] if group else []
    ranked = queryset.annotate(
        position=Window(RowNumber(), partition_by=partition, order_by=F(field_name).asc()),
        size=Window(Count("pk"), partition_by=partition),
    ).annotate(twice=F("position") * 2)
    # The middle row (odd size) or the two middle rows (even size): n ≤ 2·position ≤ n + 2.
    middle = ranked.filter(twice__gte=F("size"), twice__lte=F("size") + 2)
    found = defaultdict(list)
    for key, value in middle.values_list(group or "size", field_name):
        found[key if group else None].append(value)
    return {key: sum(values) / len(values) for key, values in found.items()}


# --- grounds, complaints, catalogs and compliance -------------------------------------------


def refusal_grounds(scope: Scope) -> tuple[dict[int, dict], dict[str, str]]:
    """Requests refused (wholly or in part) in the period on each Art 28(1) ground; a request
    counts once per ground it rests on."""
    period = scope.period
    refusals = scope.restrict(RequestRefusal.objects, "request__agency").filter(
        request__outcome__in=WITH_GROUNDS,
        request__outcome_at__gte=period.start_at,
        request__outcome_at__lt=period.end_at,
    )
    rows = defaultdict(dict)
    labels = {}
    grouped = (
        refusals.order_by()
        .values("request__agency_id", "code")
        .annotate(n=Count("request", distinct=True), label=Max("label"))
        .order_by("request__agency_id", "code")
    )
    for row in grouped:
        rows[row["request__agency_id"]][f"ground_{row['code']}"] = row["n"]
        labels[row["code"]] = row["label"]
    return rows, labels


def complaint_figures(scope: Scope) -> dict[int, dict]:
    period = scope.period
    in_period = Q(received_at__gte=period.start_at, received_at__lt=period.end_at)
    answered = Q(answered_at__gte=period.start_at, answered_at__lt=period.end_at)
    complaint = Q(kind__in=COMPLAINT_KINDS)
    rows = (
        scope.restrict(Complaint.objects)
        .filter(in_period | answered)
        .order_by()
        .values("agency_id")
        .annotate(
            complaints_received=Count("pk", filter=in_period & complaint),
            complaints_resolved=Count("pk", filter=answered & complaint),
            feedback_received=Count("pk", filter=in_period & ~complaint),
        )
    )
    return {row.pop("agency_id"): row for row in rows}


def with_publication_date(entries):
    """``published_on``: the time of disclosure (Law Art 19), else the day it went online."""
    return entries.annotate(published_on=Coalesce("disclosed_on", TruncDate("published_at")))


def catalog_figures(scope: Scope) -> dict[int, dict]:
    """Entries published in the period, per list and Law Art 17(1) category; late ones
    (Law Art 18(4)); corrections (Law Art 22)."""
    period = scope.period
    published = with_publication_date(scope.restrict(CatalogEntry.objects.public())).filter(
        published_on__range=(period.start, period.end)
    )
    late = CatalogEntry.objects.late_condition()
    rows = (
        published.order_by()
        .values("agency_id")
        .annotate(
            **{
                f"catalog_{c.value}": Count("pk", filter=Q(catalog=c))
                for c in Catalog  # public, conditional
            },
            **{f"category_{c.value}": Count("pk", filter=Q(category=c)) for c in Category},
            catalog_late=Count("pk", filter=late),
        )
    )
    figures = {row.pop("agency_id"): row for row in rows}
    corrections = (
        scope.restrict(CatalogCorrection.objects, "entry__agency")
        .filter(corrected_at__gte=period.start_at, corrected_at__lt=period.end_at)
        .order_by()
        .values("entry__agency_id")
        .annotate(n=Count("pk"))
    )
    for row in corrections:
        figures.setdefault(row["entry__agency_id"], {})["corrections"] = row["n"]
    return figures


def compliance_figures(scope: Scope, agency_ids) -> dict[int, dict]:
    """Each agency's compliance as at the end of the period (focal points: as now, since the
    portal keeps no history of them)."""
    period = scope.period
    listed = with_publication_date(CatalogEntry.objects.public()).filter(
        agency=OuterRef("pk"), published_on__lte=period.end
    )
    updated = listed.filter(published_on__gte=period.start)
    corrected = CatalogCorrection.objects.filter(
        entry__agency=OuterRef("pk"),
        corrected_at__gte=period.start_at,
        corrected_at__lt=period.end_at,
    )
    rows = (
        Agency.objects.filter(pk__in=agency_ids)
        .annotate(
            has_focal_point=Exists(FocalPoint.objects.active().filter(agency=OuterRef("pk"))),
            has_regulation=Exists(
                InternalRegulation.objects.current(period.end).filter(agency=OuterRef("pk"))
            ),
            has_public_list=Exists(listed.filter(catalog=Catalog.PUBLIC)),
            has_conditional_list=Exists(listed.filter(catalog=Catalog.CONDITIONAL)),
            lists_updated=Exists(updated) | Exists(corrected),
        )
        .values("pk", *COMPLIANCE_FLAGS)
    )
    return {row.pop("pk"): {k: int(v) for k, v in row.items()} for row in rows}


# --- the whole compilation ------------------------------------------------------------------


def agencies_in_scope(scope: Scope, with_figures) -> list[int]:
    """Active agencies, plus any inactive one with figures (a body merged during the year)."""
    if scope.agency_id:
        return [scope.agency_id]
    active = set(Agency.objects.active().values_list("pk", flat=True))
    return sorted(active | set(with_figures))


def compile_figures(period: Period, agency_id=None, progress: Callable[[int], None] | None = None):
    """Every indicator of the period for the scope; ``progress`` receives a percentage."""
    progress = progress or (lambda percent: None)
    scope = Scope(period, agency_id)
    result = Compiled()
    steps = compilation_steps(scope, result)
    for number, step in enumerate(steps, 1):
        step()
        progress(round(90 * number / len(steps)))
    return result


def compilation_steps(scope: Scope, result: Compiled) -> list[Callable[[], None]]:
    previous = Scope(scope.period.previous(), scope.agency_id)
    sections = {}

    def requests():
        sections["requests"] = request_figures(scope)

    def grounds():
        sections["grounds"], result.ground_labels = refusal_grounds(scope)

    def complaints():
        sections["complaints"] = complaint_figures(scope)

    def catalogs():
        sections["catalogs"] = catalog_figures(scope)

    def agency_medians():
        found, sections["overall_median"] = medians_and_overall(
            scope.answered(), "working_days_taken"
        )
        sections["medians"] = {key: {"days_median": value} for key, value in found.items()}

    def assemble():
        overall_median = sections.pop("overall_median")
        with_figures = set().union(*(section.keys() for section in sections.values()))
        agency_ids = agencies_in_scope(scope, with_figures)
        sections["compliance"] = compliance_figures(scope, agency_ids)
        for agency_id in agency_ids:
            row = blank_row()
            for section in sections.values():
                row.update(section.get(agency_id, {}))
            row["days_mean"] = mean(row["days_sum"], row["days_count"])
            result.rows[agency_id] = row
        rows = list(result.rows.values())
        result.totals = sum_rows(rows) | processing_time_totals(rows, overall_median)

    def the_year_before():
        rows = request_figures(previous, only=COMPARED)
        found, overall = medians_and_overall(previous.answered(), "working_days_taken")
        for agency_id in result.rows:
            row = {**blank_row(), **rows.get(agency_id, {})}
            row["days_median"] = found.get(agency_id)
            result.previous_rows[agency_id] = {key: row[key] for key in COMPARED}
        totals = sum_rows(rows.values())
        totals["days_median"] = overall
        result.previous_totals = {key: totals.get(key) for key in COMPARED}

    def context():
        result.rule_sets = rule_sets_in_force(scope)
        result.oldest_pending = oldest_pending(scope)

    return [requests, grounds, complaints, catalogs, agency_medians, assemble,
            the_year_before, context]  # fmt: skip


def blank_row() -> dict:
    """Every figure at zero (or None where no value exists), so rows are comparable."""
    return dict(_BLANK_ROW)


def _blank_row() -> dict:
    keys = [*request_measures(Period(datetime.date(2000, 1, 1), datetime.date(2000, 1, 1)))]
    keys += ["complaints_received", "complaints_resolved", "feedback_received"]
    keys += [f"catalog_{c.value}" for c in Catalog] + ["catalog_late", "corrections"]
    keys += [f"category_{c.value}" for c in Category]
    keys += COMPLIANCE_FLAGS
    row = dict.fromkeys(keys, 0)
    row.update(days_min=None, days_max=None, days_median=None, days_mean=None)
    return row


def sum_rows(rows) -> dict:
    totals = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            if key not in NOT_ADDITIVE and value is not None:
                totals[key] += value
    return dict(totals)


def rule_sets_in_force(scope: Scope) -> list[dict]:
    """The legal rule sets the period's requests were handled under."""
    used = scope.active_in_period().filter(rule_revision__rule_set=OuterRef("pk"))
    found = LegalRuleSet.objects.filter(Exists(used)).order_by("effective_from", "name")
    return [
        {
            "name": rule_set.name,
            "law_reference": rule_set.law_reference,
            "effective_from": rule_set.effective_from.isoformat(),
        }
        for rule_set in found
    ]


def oldest_pending(scope: Scope, limit: int = 10) -> list[dict]:
    """The requests pending longest at the end of the period, with their status then (no
    personal data)."""
    status_then = RequestEvent.objects.filter(
        request=OuterRef("pk"), at__lt=scope.period.end_at
    ).order_by("-at", "-pk")
    rows = (
        scope.pending_at_end()
        .annotate(status_then=Subquery(status_then.values("to_status")[:1]))
        .order_by("received_at", "pk")
        .values("tracking_code", "agency_id", "agency__name", "received_at", "status_then")[:limit]
    )
    return [
        {
            "tracking_code": row["tracking_code"],
            "agency_id": row["agency_id"],
            "agency": row["agency__name"],
            "received_on": timezone.localdate(row["received_at"]).isoformat(),
            "status": row["status_then"],
            "days_pending": (scope.period.end - timezone.localdate(row["received_at"])).days,
        }
        for row in rows
    ]


_BLANK_ROW = _blank_row()
