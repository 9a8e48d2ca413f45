"""A report as a spreadsheet: XLSX with one sheet per section, numbers as numbers, and CSV with
one row per agency (portal/exports.py streams both, formula-safe)."""

from django.utils.translation import gettext as _

from . import presentation
from .indicators import SECTIONS, ground_indicators, with_derived
from .models import YearlyReport


def _indicators(report: YearlyReport, section) -> tuple:
    if section.slug == "outcomes":
        return (*section.indicators, *ground_indicators(report.ground_labels))
    return section.indicators


def _cell(value):
    if isinstance(value, bool):
        return int(value)
    return value


def summary_rows(report: YearlyReport):
    yield [str(report.title)]
    yield [_("From"), report.period_start, _("To"), report.period_end]
    yield []
    yield [_("Indicator"), _("This period"), _("Same period a year before"), _("Change")]
    for section in presentation.sections(report):
        yield [str(section["title"])]
        for line in section["lines"]:
            yield [str(line.label), _cell(line.value), _cell(line.previous), line.change]


def table_rows(report: YearlyReport, indicators, rows):
    """A header, one row per agency with ``indicators``, then the scope's total."""
    yield [_("Agency"), _("Kind"), *(str(i.label) for i in indicators)]
    for row in rows:
        figures = with_derived(row.figures)
        yield [
            row.agency.name,
            str(row.agency.get_kind_display()),
            *(_cell(figures.get(i.key)) for i in indicators),
        ]
    totals = with_derived(report.totals)
    yield [_("Total"), "", *(_cell(totals.get(i.key)) for i in indicators)]


def pending_rows(report: YearlyReport):
    yield [_("Agency"), _("Received"), _("Status"), _("Days pending")]
    for row in presentation.oldest_pending(report):
        yield [row["agency"], row["received_on"], str(row["status_label"]), row["days_pending"]]


def check_rows(report: YearlyReport):
    yield [_("Checks run"), report.check_results.get("ran", 0)]
    yield [_("Check"), _("Agency"), _("Expected"), _("Found")]
    for failure in presentation.failed_checks(report):
        yield [failure["label"], failure["agency"], failure["expected"], failure["actual"]]


def workbook_sheets(report: YearlyReport):
    rows = list(presentation.ordered_rows(report))
    yield _("Overview"), summary_rows(report)
    for section in SECTIONS:
        yield str(section.title), table_rows(report, _indicators(report, section), rows)
    yield _("Oldest pending"), pending_rows(report)
    yield _("Checks"), check_rows(report)


def csv_rows(report: YearlyReport):
    """Every indicator once, one row per agency, then the total."""
    indicators = {}
    for section in SECTIONS:
        for indicator in _indicators(report, section):
            indicators.setdefault(indicator.key, indicator)
    return table_rows(report, indicators.values(), presentation.ordered_rows(report))
