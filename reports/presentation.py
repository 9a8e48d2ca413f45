"""What a report shows, prepared once for the report page, its PDF and its spreadsheets.

Templates only format what this module hands them (STYLE: templates without logic): the
sections of indicators with the year-on-year change, the agencies' table and the charts'
geometry (drawn as inline SVG, so they need no script and print in the PDF).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from agencies.querysets import directory_rank
from requests_app.choices import Status

from . import checks
from .indicators import (
    AGENCY_COLUMNS,
    COMPLIANCE,
    SECTIONS,
    ground_indicators,
    label_of,
    with_derived,
)
from .models import AgencyYearStatistics, YearlyReport
from .statistics import BANDS


@dataclass(frozen=True)
class Line:
    label: str
    kind: str
    value: object
    previous: object = None

    @property
    def change(self):
        if isinstance(self.value, int | float) and isinstance(self.previous, int | float):
            return round(self.value - self.previous, 2)
        return None


def sections(report: YearlyReport) -> list[dict]:
    """The scope's totals, section by section, with the previous period where compared."""
    return figure_sections(report.totals, report.previous_totals, report.ground_labels)


def row_sections(row: AgencyYearStatistics, **options) -> list[dict]:
    """One agency's figures, section by section, with its previous period."""
    return figure_sections(row.figures, row.previous, row.report.ground_labels, **options)


def figure_sections(
    figures: dict,
    previous: dict,
    ground_labels: dict,
    *,
    only: tuple[str, ...] | None = None,
    skip_prefixes: tuple[str, ...] = (),
    each_once: bool = False,
) -> list[dict]:
    """Lines of indicators by section; ``each_once`` drops a figure shown in an earlier
    section (for the one-page sheet)."""
    figures = with_derived(figures)
    previous = with_derived(previous) if previous else {}
    shown, found = set(), []
    for section in SECTIONS:
        if only is not None and section.slug not in only:
            continue
        indicators = section.indicators
        if section.slug == "outcomes":
            indicators = (*indicators, *ground_indicators(ground_labels))
        lines = []
        for i in indicators:
            if i.key.startswith(skip_prefixes) or (each_once and i.key in shown):
                continue
            shown.add(i.key)
            lines.append(Line(i.label, i.kind, figures.get(i.key), previous.get(i.key)))
        found.append({"slug": section.slug, "title": section.title, "lines": lines})
    return found


def ordered_rows(report: YearlyReport, *, only_agency_id: int | None = None):
    """The report's agency rows in directory order."""
    rows = AgencyYearStatistics.objects.filter(report=report).select_related("agency")
    if only_agency_id is not None:
        rows = rows.filter(agency_id=only_agency_id)
    rows = rows.annotate(kind_rank=directory_rank("agency__"))
    return rows.order_by("kind_rank", "agency__name", "agency_id")


def agency_rows(report: YearlyReport, *, only_agency_id: int | None = None) -> list[dict]:
    """One row per agency, with the columns of the agencies' table."""
    return [agency_row(row) for row in ordered_rows(report, only_agency_id=only_agency_id)]


def agency_row(row: AgencyYearStatistics) -> dict:
    figures = with_derived(row.figures)
    return {
        "agency": row.agency,
        "figures": figures,
        "cells": [(column.kind, figures.get(column.key)) for column in AGENCY_COLUMNS],
        "missing": [i.short for i in COMPLIANCE.indicators if not figures.get(i.key)],
    }


def failed_checks(report: YearlyReport) -> list[dict]:
    return [
        {
            **failure,
            "label": checks.label(failure["code"]),
            "figure_label": label_of(failure.get("figure") or "", report.ground_labels)
            if failure.get("figure")
            else "",
        }
        for failure in report.check_results.get("failed", [])
    ]


def oldest_pending(report: YearlyReport) -> list[dict]:
    labels = dict(Status.choices)
    return [
        {
            **row,
            "received_on": datetime.date.fromisoformat(row["received_on"]),
            "status_label": labels.get(row["status"], row["status"]),
        }
        for row in report.oldest_pending
    ]


# --- charts --------------------------------------------------------------------------------

CHART_WIDTH, ROW_HEIGHT, BAR_HEIGHT, VALUE_ROOM = 600, 38, 14, 70


def bar_chart(title: str, items: list[tuple[str, float]], *, unit: str = "") -> dict:
    """Horizontal bars under their labels, scaled to the largest value (SVG user units)."""
    largest = max((value for _label, value in items), default=0) or 1
    room = CHART_WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value) in enumerate(items):
        top = index * ROW_HEIGHT
        width = round(room * (value or 0) / largest, 1)
        bars.append(
            {
                "label": label,
                "value": value,
                "label_y": top + 13,
                "bar_y": top + 18,
                "text_y": top + 30,
                "width": width,
                "value_x": width + 6,
            }
        )
    return {
        "title": title,
        "bars": bars,
        "unit": unit,
        "width": CHART_WIDTH,
        "height": len(items) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }


def charts(report: YearlyReport) -> list[dict]:
    totals = report.totals
    outcome_section = next(s for s in SECTIONS if s.slug == "outcomes")
    outcomes = [(i.label, totals.get(i.key) or 0) for i in outcome_section.indicators[:5]]
    bands = [(f"{key}", totals.get(f"band_{key}") or 0) for key, _low, _high in BANDS]
    agencies = report.rows.count() or 1
    compliance = [
        (i.label, round(100 * (totals.get(i.key) or 0) / agencies, 1))
        for i in COMPLIANCE.indicators
    ]
    return [
        bar_chart(_("Outcomes of the requests resolved"), outcomes),
        bar_chart(_("Processing time of the answers, in working days"), bands),
        bar_chart(_("Agencies meeting each requirement (%)"), compliance, unit="%"),
    ]
