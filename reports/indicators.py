"""The indicators a report shows, in order and by section (LEGAL §7.8): one table that the
report page, the PDF, the spreadsheet and the CSV all walk."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalogs.choices import Category
from requests_app.choices import Channel

from .statistics import BANDS


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kind: str = "count"  # count, days, money, percent, flag
    short: str = ""  # for a cramped table cell


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    indicators: tuple[Indicator, ...]


I = Indicator  # noqa: E741 - the table reads better with a short name

SECTIONS = (
    Section(
        "art12",
        _("Decree 13 Art 12(4)(b): requests and complaints"),
        (
            I("received", _("Requests received")),
            I("resolved", _("Requests resolved")),
            I("refused", _("Requests refused")),
            I("complaints_resolved", _("Complaints and denunciations resolved")),
        ),
    ),
    Section(
        "flow",
        _("Requests in the period"),
        (
            I("pending_start", _("Pending at the start")),
            I("received", _("Received")),
            I("resolved", _("Resolved")),
            I("withdrawn", _("Withdrawn")),
            I("pending_end", _("Pending at the end")),
        ),
    ),
    Section(
        "outcomes",
        _("Outcomes"),
        (
            I("provided_full", _("Provided in full")),
            I("provided_partial", _("Provided in part")),
            I("refused", _("Refused")),
            I("redirected", _("Redirected to the responsible agency")),
            I("withdrawn", _("Withdrawn by the requester")),
            I("extended", _("Time limit extended")),
        ),
    ),
    Section(
        "channels",
        _("Received by channel and complexity"),
        (
            *(I(f"channel_{c.value}", c.label) for c in Channel),
            I("complexity_simple", _("Simple")),
            I("complexity_complex", _("Complex")),
            I("complexity_unassessed", _("Not yet assessed")),
        ),
    ),
    Section(
        "timeliness",
        _("Timeliness"),
        (
            I("answered", _("Answered (provided or refused)")),
            I("on_time", _("On time")),
            I("late", _("Late")),
            I("untimed", _("Without a time limit")),
            I("on_time_rate", _("On-time rate"), "percent"),
            I("days_median", _("Median processing time (working days)"), "days"),
            I("days_mean", _("Mean processing time (working days)"), "days"),
            I("days_min", _("Shortest (working days)"), "days"),
            I("days_max", _("Longest (working days)"), "days"),
            *(
                I(f"band_{key}", _("%(band)s working days") % {"band": key})
                for key, _low, _high in BANDS
            ),
        ),
    ),
    Section(
        "requesters",
        _("Requesters and costs"),
        (
            I("disability", _("From people with disabilities")),
            I("foreigners", _("From foreigners residing in Vietnam")),
            I("organisations", _("Through organisations for their members")),
            I("fees_charged", _("Costs charged (VND)"), "money"),
            I("fees_collected", _("Costs collected (VND)"), "money"),
            I("complaints_received", _("Complaints and denunciations received")),
            I("feedback_received", _("Feedback and petitions received")),
        ),
    ),
    Section(
        "catalogs",
        _("Proactive disclosure"),
        (
            I("catalog_public", _("Entries published on the list of information disclosed")),
            I("catalog_conditional", _("Entries published on the conditional-access list")),
            I("catalog_late", _("Published after the deadline (Law Art 18(4))")),
            I("corrections", _("Corrections (Law Art 22)")),
            *(I(f"category_{c.value}", c.label) for c in Category),
        ),
    ),
    Section(
        "compliance",
        _("Compliance"),
        (
            I("has_focal_point", _("Active focal point"), "flag", _("focal point")),
            I("has_regulation", _("Internal regulation in force"), "flag", _("regulation")),
            I(
                "has_public_list",
                _("List of information disclosed published"),
                "flag",
                _("disclosure list"),
            ),
            I(
                "has_conditional_list",
                _("Conditional-access list published"),
                "flag",
                _("conditional list"),
            ),
            I("lists_updated", _("Lists updated in the period"), "flag", _("updates")),
        ),
    ),
)

# The columns of the agencies' table in the PDF and on the report page.
AGENCY_COLUMNS = (
    I("received", _("Received")),
    I("resolved", _("Resolved")),
    I("refused", _("Refused")),
    I("pending_end", _("Pending")),
    I("on_time_rate", _("On time"), "percent"),
    I("days_median", _("Median days"), "days"),
)
COMPLIANCE = next(section for section in SECTIONS if section.slug == "compliance")


def with_derived(figures: dict) -> dict:
    """The figures plus those derived from them for display."""
    timed = (figures.get("on_time") or 0) + (figures.get("late") or 0)
    rate = round(100 * figures["on_time"] / timed, 1) if timed else None
    return {**figures, "on_time_rate": rate}


def ground_indicators(labels: dict[str, str]) -> tuple[Indicator, ...]:
    return tuple(I(f"ground_{code}", label) for code, label in sorted(labels.items()))


def label_of(key: str, ground_labels: dict[str, str]) -> str:
    """The label of the indicator ``key`` ("received" → "Requests received")."""
    for section in SECTIONS:
        for indicator in (*section.indicators, *ground_indicators(ground_labels)):
            if indicator.key == key:
                return str(indicator.label)
    return key
