"""Consistency checks run on every compiled report, like the ones FOIA.gov enforces on the
annual reports of US agencies. A report with a failed check shows it and cannot be published.

Each check is a row of a table: a rule over one set of figures (an agency's row, or the
scope's totals), or over the totals against the agencies' rows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from requests_app.choices import Channel, Complexity

from .statistics import BANDS, NOT_ADDITIVE

GROUND_PREFIX = "ground_"


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    # None when the figures pass, else (what was expected, what was found).
    rule: Callable[[dict], tuple | None]


def _equal(expected: Callable[[dict], int], actual: Callable[[dict], int]):
    def rule(f):
        wanted, found = expected(f), actual(f)
        return None if wanted == found else (wanted, found)

    return rule


def _sum(*keys: str) -> Callable[[dict], int]:
    return lambda f: sum(f[key] for key in keys)


def _key(name: str) -> Callable[[dict], int]:
    return lambda f: f[name]


def _grounds(f: dict) -> int:
    return sum(value for key, value in f.items() if key.startswith(GROUND_PREFIX))


def _at_most(small: Callable[[dict], int], large: Callable[[dict], int]):
    def rule(f):
        s, big = small(f), large(f)
        return None if s <= big else (f"≤ {big}", s)

    return rule


def _ordered_days(f: dict):
    if not f["days_count"]:
        return None
    low, middle, high = f["days_min"], f["days_median"], f["days_max"]
    if None in (low, middle, high) or not low <= middle <= high:
        return ("min ≤ median ≤ max", f"{low}, {middle}, {high}")
    return None


CHANNELS = tuple(f"channel_{c.value}" for c in Channel)
COMPLEXITIES = (*(f"complexity_{c.value}" for c in Complexity), "complexity_unassessed")
BAND_KEYS = tuple(f"band_{key}" for key, _low, _high in BANDS)

FIGURE_CHECKS = (
    Check(
        "resolved_is_sum_of_outcomes",
        _("Resolved = provided in full + in part + refused + redirected"),
        _equal(
            _key("resolved"), _sum("provided_full", "provided_partial", "refused", "redirected")
        ),
    ),
    Check(
        "answered_is_sum_of_answers",
        _("Answered = provided in full + in part + refused"),
        _equal(_key("answered"), _sum("provided_full", "provided_partial", "refused")),
    ),
    Check(
        "refusals_have_grounds",
        _("Refused (wholly or in part) ≤ the grounds counted once per request"),
        _at_most(_sum("refused", "provided_partial"), _grounds),
    ),
    Check(
        "pending_balance",
        _("Pending at the end = pending at the start + received − resolved − withdrawn"),
        _equal(
            lambda f: f["pending_start"] + f["received"] - f["resolved"] - f["withdrawn"],
            _key("pending_end"),
        ),
    ),
    Check(
        "timeliness_adds_up",
        _("Answered = on time + late + without a time limit"),
        _equal(_key("answered"), _sum("on_time", "late", "untimed")),
    ),
    Check(
        "channels_add_up",
        _("Received = the sum over the channels"),
        _equal(_key("received"), _sum(*CHANNELS)),
    ),
    Check(
        "complexity_adds_up",
        _("Received = simple + complex + not yet assessed"),
        _equal(_key("received"), _sum(*COMPLEXITIES)),
    ),
    Check(
        "histogram_adds_up",
        _("The processing-time bands add up to the answers timed"),
        _equal(_key("days_count"), _sum(*BAND_KEYS)),
    ),
    Check(
        "timed_at_most_answered",
        _("Answers timed ≤ answered"),
        _at_most(_key("days_count"), _key("answered")),
    ),
    Check(
        "days_in_order",
        _("Lowest ≤ median ≤ highest processing time"),
        _ordered_days,
    ),
    Check(
        "collected_at_most_charged",
        _("Costs collected ≤ costs charged"),
        _at_most(_key("fees_collected"), _key("fees_charged")),
    ),
)


@dataclass(frozen=True)
class CrossCheck:
    code: str
    label: str
    rule: Callable[[dict, list[dict]], tuple | None]


def _totals_are_sums(totals: dict, rows: list[dict]):
    for key, value in totals.items():
        if key in NOT_ADDITIVE or not isinstance(value, int | float):
            continue
        summed = sum(row.get(key) or 0 for row in rows)
        if summed != value:
            return (summed, value, key)
    return None


def _extreme(key: str, pick):
    def rule(totals, rows):
        values = [row[key] for row in rows if row.get(key) is not None]
        expected = pick(values) if values else None
        return None if expected == totals.get(key) else (expected, totals.get(key))

    return rule


def _median_between_agency_medians(totals, rows):
    medians = [row["days_median"] for row in rows if row.get("days_median") is not None]
    value = totals.get("days_median")
    if not medians:
        return None if value is None else (None, value)
    if value is None or not min(medians) <= value <= max(medians):
        return (f"{min(medians)} – {max(medians)}", value)
    return None


CROSS_CHECKS = (
    CrossCheck(
        "totals_are_sums", _("Each total equals the sum over the agencies"), _totals_are_sums
    ),
    CrossCheck(
        "lowest_is_minimum",
        _("The lowest processing time is the lowest of the agencies'"),
        _extreme("days_min", min),
    ),
    CrossCheck(
        "highest_is_maximum",
        _("The highest processing time is the highest of the agencies'"),
        _extreme("days_max", max),
    ),
    CrossCheck(
        "median_between_agency_medians",
        _("The median lies between the lowest and highest agency medians"),
        _median_between_agency_medians,
    ),
)


def run(totals: dict, rows: dict[int, dict], names: dict[int, str]) -> dict:
    """Every check over every set of figures: how many ran and which failed (with where)."""
    failed = []
    ran = 0
    scopes: Iterable[tuple[int | None, dict]] = [(None, totals), *rows.items()]
    for check in FIGURE_CHECKS:
        for agency_id, figures in scopes:
            ran += 1
            outcome = check.rule(figures)
            if outcome is not None:
                failed.append(_failure(check, agency_id, names, outcome))
    for check in CROSS_CHECKS:
        ran += 1
        outcome = check.rule(totals, list(rows.values()))
        if outcome is not None:
            failed.append(_failure(check, None, names, outcome))
    return {"ran": ran, "failed": failed}


def _failure(check, agency_id, names, outcome) -> dict:
    expected, actual, *figure = outcome
    return {
        "code": check.code,
        "agency_id": agency_id,
        "agency": names.get(agency_id, "") if agency_id else "",
        "figure": figure[0] if figure else "",  # the indicator's key, when one is named
        "expected": str(expected),
        "actual": str(actual),
    }


def label(code: str) -> str:
    for check in (*FIGURE_CHECKS, *CROSS_CHECKS):
        if check.code == code:
            return str(check.label)
    return code
