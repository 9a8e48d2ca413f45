"""The yearly statistics on a hand-built province whose figures the test computes itself.

Every request of the table below is taken through the workflow on the dates given; the
expected figures are counted from the table in plain Python (working days by a weekday count
that knows the one holiday the dates cross), never read back from the portal's own
aggregates. The same test runs on SQLite and, in CI, on PostgreSQL.
"""

import datetime
import statistics as pystats
from dataclasses import dataclass, field

import pytest

from agencies.services import publish_regulation
from catalogs.models import CatalogCorrection
from reports import checks
from reports.periods import Period
from reports.statistics import compile_figures
from requests_app import complaints
from requests_app.models import Complaint
from tests import factories
from tests.history import at_nine, play

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.calendar_year(2025)
NEW_YEAR_2025 = D(2025, 1, 1)  # the only public holiday the dates below cross


def weekdays_between(start: D, end: D) -> int:
    """Working days after ``start`` up to ``end``: Monday to Friday, minus New Year 2025."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += day.weekday() < 5 and day != NEW_YEAR_2025
    return days


@dataclass
class Story:
    agency: str
    received: D
    channel: str
    steps: list  # (action, date, params)
    outcome: str = ""  # the expected outcome, empty while pending
    on_time: bool | None = None
    extra: dict = field(default_factory=dict)
    fee: int = 0

    @property
    def ended(self) -> D | None:
        return self.steps[-1][1] if self.outcome else None

    @property
    def days(self) -> int | None:
        if self.outcome in ("", "withdrawn"):
            return None
        return weekdays_between(self.received, self.ended)


GROUND_A6 = {"code": "a6_not_accessible", "art6_subtype": "internal_meeting"}
SIMPLE = {"complexity": "simple"}
COMPLEX = {"complexity": "complex"}


def refuse(*grounds):
    return {"grounds": list(grounds), "reason": "Căn cứ Điều 28 Luật Tiếp cận thông tin."}


STORIES = [
    # Sở Tài chính ("A")
    Story("A", D(2025, 3, 3), "online",
          [("accept", D(2025, 3, 3), SIMPLE), ("provide_full", D(2025, 3, 6), {})],
          "provided_full", True),  # 3 WD, due 6 March
    Story("A", D(2025, 3, 10), "online",
          [("accept", D(2025, 3, 10), SIMPLE), ("provide_full", D(2025, 3, 14), {})],
          "provided_full", False),  # 4 WD, due 13 March
    Story("A", D(2025, 6, 3), "post",
          [("accept", D(2025, 6, 3), COMPLEX),
           ("extend", D(2025, 6, 20), {"extension_reason": "Cần ý kiến của Sở Xây dựng."}),
           ("refuse", D(2025, 7, 2), refuse(GROUND_A6))],
          "refused", True),  # due 24 June, extended by 15 days
    Story("A", D(2025, 10, 6), "in_person",
          [("accept", D(2025, 10, 6), SIMPLE),
           ("provide_partial", D(2025, 10, 6), refuse(GROUND_A6, {"code": "a7_no_consent"}))],
          "provided_partial", True),  # "immediately": the same day
    Story("A", D(2025, 11, 12), "email",
          [("redirect", D(2025, 11, 13),
            {"responsible_agency_name": "Sở Xây dựng", "note": "Chuyển Sở Xây dựng."})],
          "redirected", None),
    Story("A", D(2025, 11, 17), "online", [("withdraw", D(2025, 11, 18), {})], "withdrawn"),
    Story("A", D(2024, 12, 16), "online",
          [("accept", D(2024, 12, 16), SIMPLE), ("provide_full", D(2025, 1, 6), {})],
          "provided_full", False),  # pending on 1 January, across New Year
    Story("A", D(2025, 12, 1), "online", [("accept", D(2025, 12, 1), COMPLEX)]),  # pending
    Story("A", D(2025, 12, 29), "online", []),  # pending, not yet assessed
    Story("A", D(2024, 4, 8), "online",
          [("accept", D(2024, 4, 8), SIMPLE), ("provide_full", D(2024, 4, 10), {})],
          "provided_full", True),  # all in 2024: only the year-on-year comparison sees it
    Story("A", D(2025, 9, 8), "post",
          [("accept", D(2025, 9, 8), COMPLEX), ("ask_payment", D(2025, 9, 9), {}),
           ("payment_received", D(2025, 9, 10), {}), ("provide_full", D(2025, 9, 12), {})],
          "provided_full", True, {"needs_assistance": True}, fee=30_000),
    Story("A", D(2025, 10, 20), "online",
          [("accept", D(2025, 10, 20), SIMPLE),
           ("refuse", D(2025, 10, 22), refuse({"code": "a17_already_public"}))],
          "refused", True,
          {"requester_kind": "foreigner", "nationality": "Hàn Quốc",
           "own_rights_link": "Giấy phép lao động của tôi"}),
    # Đặc khu Phú Quốc ("B")
    Story("B", D(2025, 5, 12), "online",
          [("accept", D(2025, 5, 12), SIMPLE), ("provide_full", D(2025, 5, 14), {})],
          "provided_full", True),
    Story("B", D(2025, 6, 16), "fax",
          [("accept", D(2025, 6, 16), COMPLEX), ("provide_full", D(2025, 6, 27), {})],
          "provided_full", True, {"requester_kind": "organisation",
                                  "organisation_name": "Hợp tác xã Hàm Ninh"}),
    Story("B", D(2025, 7, 14), "online",
          [("refuse", D(2025, 7, 15), refuse({"code": "not_responsible"}))],
          "refused", None),  # refused before acceptance: no time limit ran
]  # fmt: skip


@pytest.fixture
def province(time_machine):
    time_machine.move_to(datetime.datetime(2025, 2, 3, 2, 0, tzinfo=datetime.UTC))
    a = factories.AgencyFactory(name="Sở Tài chính")
    b = factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")
    quiet = factories.AgencyFactory(name="Sở Ngoại vụ")  # no requests, no lists at all
    factories.FocalPointFactory(agency=a)
    factories.FocalPointFactory(agency=b, is_active=False)
    publish_regulation(factories.InternalRegulationFactory(agency=a))
    officer = {"A": factories.OfficerFactory(agency=a).user, "B": None}
    officer["B"] = factories.OfficerFactory(agency=b).user
    _catalogs(a, b, time_machine)
    _complaints(a, time_machine)
    time_machine.move_to(datetime.datetime(2026, 1, 15, 2, 0, tzinfo=datetime.UTC))
    agencies = {"A": a, "B": b}
    for story in STORIES:
        play(
            agencies[story.agency],
            officer[story.agency],
            received=story.received,
            channel=story.channel,
            steps=story.steps,
            fee=story.fee,
            extra=story.extra,
        )
    return {"A": a, "B": b, "quiet": quiet}


def _catalogs(a, b, time_machine):
    published = at_nine(D(2025, 4, 10))
    on_time = {
        "created_on": D(2025, 4, 7),
        "disclosed_on": D(2025, 4, 10),
        "published_at": published,
    }
    late = {"created_on": D(2025, 3, 3), "disclosed_on": D(2025, 4, 10), "published_at": published}
    factories.CatalogEntryFactory(agency=a, category="dd", **on_time)
    factories.CatalogEntryFactory(agency=a, category="dd", **late)
    factories.CatalogEntryFactory(agency=a, category="g", catalog="conditional", **on_time)
    factories.CatalogEntryFactory(agency=b, category="a", **late)
    factories.CatalogEntryFactory(  # published in 2024: listed, but not counted for 2025
        agency=b,
        category="a",
        created_on=D(2024, 5, 2),
        disclosed_on=D(2024, 5, 3),
        published_at=at_nine(D(2024, 5, 3)),
    )
    factories.CatalogEntryFactory(agency=a, status="draft", published_at=None, **{
        k: v for k, v in on_time.items() if k != "published_at"
    })  # fmt: skip
    factories.CatalogEntryFactory(
        agency=a, classification="not_accessible", not_accessible_ground="work_secret", **on_time
    )
    time_machine.move_to(datetime.datetime(2025, 5, 5, 2, 0, tzinfo=datetime.UTC))
    entry = a.catalog_entries.filter(category="dd").first()
    CatalogCorrection.objects.create(entry=entry, reason="Sai số hiệu văn bản.")


def _complaints(a, time_machine):
    time_machine.move_to(datetime.datetime(2025, 7, 1, 2, 0, tzinfo=datetime.UTC))
    complaint = Complaint.objects.create(
        agency=a,
        kind="complaint",
        full_name="Ngô Văn Lực",
        email="luc@example.com",
        content="Quá hạn trả lời yêu cầu.",
    )
    Complaint.objects.create(
        agency=a, kind="feedback", full_name="Lê Thị Hoa", content="Đề nghị đăng thêm danh mục."
    )
    time_machine.move_to(datetime.datetime(2025, 7, 8, 2, 0, tzinfo=datetime.UTC))
    complaints.answer(complaint, "Sở đã trả lời yêu cầu ngày 02/7/2025.", actor=None)


def expected(stories: list[Story], period: Period) -> dict:
    """The request figures of ``stories`` for ``period``, counted from the table."""

    def within(date):
        return date is not None and period.start <= date <= period.end

    received = [s for s in stories if within(s.received)]
    ended = [s for s in stories if within(s.ended)]
    answered = [s for s in ended if s.outcome in ("provided_full", "provided_partial", "refused")]
    timed = [s.days for s in answered]
    resolved = [s for s in ended if s.outcome != "withdrawn"]

    def pending_at(moment):
        return sum(
            1 for s in stories if s.received < moment and (s.ended is None or s.ended >= moment)
        )

    return {
        "received": len(received),
        "resolved": len(resolved),
        "answered": len(answered),
        "refused": sum(s.outcome == "refused" for s in ended),
        "provided_full": sum(s.outcome == "provided_full" for s in ended),
        "provided_partial": sum(s.outcome == "provided_partial" for s in ended),
        "redirected": sum(s.outcome == "redirected" for s in ended),
        "withdrawn": sum(s.outcome == "withdrawn" for s in ended),
        "pending_start": pending_at(period.start),
        "pending_end": pending_at(period.end + datetime.timedelta(days=1)),
        "on_time": sum(s.on_time is True for s in answered),
        "late": sum(s.on_time is False for s in answered),
        "untimed": sum(s.on_time is None for s in answered),
        "extended": sum(any(step[0] == "extend" for step in s.steps) for s in resolved),
        "days_count": len(timed),
        "days_min": min(timed, default=None),
        "days_max": max(timed, default=None),
        "days_median": pystats.median(timed) if timed else None,
        "days_mean": round(pystats.mean(timed), 2) if timed else None,
        "channel_online": sum(s.channel == "online" for s in received),
        "channel_post": sum(s.channel == "post" for s in received),
        "channel_fax": sum(s.channel == "fax" for s in received),
        "channel_in_person": sum(s.channel == "in_person" for s in received),
        "channel_email": sum(s.channel == "email" for s in received),
        "complexity_simple": sum(_complexity(s) == "simple" for s in received),
        "complexity_complex": sum(_complexity(s) == "complex" for s in received),
        "complexity_unassessed": sum(_complexity(s) == "" for s in received),
        "disability": sum(bool(s.extra.get("needs_assistance")) for s in received),
        "foreigners": sum(s.extra.get("requester_kind") == "foreigner" for s in received),
        "organisations": sum(s.extra.get("requester_kind") == "organisation" for s in received),
        "fees_charged": sum(s.fee for s in received),
        "fees_collected": sum(s.fee for s in received),
        "band_0": sum(d == 0 for d in timed),
        "band_1-3": sum(1 <= d <= 3 for d in timed),
        "band_4-5": sum(4 <= d <= 5 for d in timed),
        "band_6-10": sum(6 <= d <= 10 for d in timed),
        "band_11-15": sum(11 <= d <= 15 for d in timed),
        "band_16-20": sum(16 <= d <= 20 for d in timed),
        "band_21+": sum(d >= 21 for d in timed),
    }


def _complexity(story: Story) -> str:
    accepted = [params for action, _d, params in story.steps if action == "accept"]
    return accepted[0]["complexity"] if accepted else ""


def _of(agency: str) -> list[Story]:
    return [s for s in STORIES if s.agency == agency]


@pytest.mark.parametrize("agency", ["A", "B"])
def test_every_request_figure_of_an_agency_matches_the_hand_count(province, agency):
    compiled = compile_figures(YEAR)
    row = compiled.rows[province[agency].pk]

    want = expected(_of(agency), YEAR)
    assert {key: row[key] for key in want} == want


def test_the_province_totals_are_computed_from_every_request(province):
    compiled = compile_figures(YEAR)

    want = expected(STORIES, YEAR)
    assert {key: compiled.totals[key] for key in want} == want
    # Province median of all eleven answers (never an average of the agencies' medians).
    assert compiled.totals["days_median"] == pystats.median(
        s.days
        for s in STORIES
        if s.days is not None and YEAR.start <= s.ended <= YEAR.end and s.outcome != "redirected"
    )


def test_an_agency_without_requests_has_honest_zeros(province):
    row = compile_figures(YEAR).rows[province["quiet"].pk]

    assert row["received"] == row["resolved"] == row["pending_end"] == 0
    assert row["days_median"] is None and row["days_min"] is None
    assert row["has_focal_point"] == row["has_public_list"] == 0


def test_refusal_grounds_count_each_request_once_per_ground(province):
    compiled = compile_figures(YEAR)
    a, b = compiled.rows[province["A"].pk], compiled.rows[province["B"].pk]

    # A: refused on Art 6 (July), in part on Art 6 + Art 7 (October), on Art 17 (October).
    assert (a["ground_a6_not_accessible"], a["ground_a7_no_consent"]) == (2, 1)
    assert a["ground_a17_already_public"] == 1
    assert b["ground_not_responsible"] == 1
    assert compiled.totals["ground_a6_not_accessible"] == 2
    assert "ground_a6_not_accessible" in {f"ground_{code}" for code in compiled.ground_labels}


def test_complaints_catalogs_and_compliance(province):
    compiled = compile_figures(YEAR)
    a, b = compiled.rows[province["A"].pk], compiled.rows[province["B"].pk]

    assert (a["complaints_received"], a["complaints_resolved"], a["feedback_received"]) == (1, 1, 1)
    # Drafts and not-accessible entries are not counted; B's 2024 entry belongs to 2024.
    assert (a["catalog_public"], a["catalog_conditional"], a["catalog_late"]) == (2, 1, 1)
    assert (a["category_dd"], a["category_g"], a["corrections"]) == (2, 1, 1)
    assert (b["catalog_public"], b["catalog_late"], b["category_a"]) == (1, 1, 1)
    flags = ("has_focal_point", "has_regulation", "has_public_list", "has_conditional_list")
    assert [a[flag] for flag in flags] == [1, 1, 1, 1] and a["lists_updated"] == 1
    assert [b[flag] for flag in flags] == [0, 0, 1, 0] and b["lists_updated"] == 1
    assert compiled.totals["has_public_list"] == 2


def test_the_year_before_is_compared(province):
    compiled = compile_figures(YEAR)

    want = expected(STORIES, YEAR.year_before())
    assert compiled.previous_totals["received"] == want["received"] == 2
    assert compiled.previous_totals["resolved"] == want["resolved"] == 1
    assert compiled.previous_rows[province["A"].pk]["days_median"] == 2


def test_the_oldest_pending_requests_and_the_rules_in_force(province):
    compiled = compile_figures(YEAR)

    oldest = compiled.oldest_pending
    assert [row["received_on"] for row in oldest] == ["2025-12-01", "2025-12-29"]
    assert all("full_name" not in row and "email" not in row for row in oldest)
    assert [rule_set["effective_from"] for rule_set in compiled.rule_sets] == ["2018-07-01"]


def test_a_compiled_province_passes_every_consistency_check(province):
    compiled = compile_figures(YEAR)
    names = {pk: str(pk) for pk in compiled.rows}

    results = checks.run(compiled.totals, compiled.rows, names)

    assert results["failed"] == []
    assert results["ran"] == len(checks.FIGURE_CHECKS) * 4 + len(checks.CROSS_CHECKS)


def test_one_agency_scope_counts_only_that_agency(province):
    compiled = compile_figures(YEAR, province["B"].pk)

    assert list(compiled.rows) == [province["B"].pk]
    want = expected(_of("B"), YEAR)
    assert {key: compiled.totals[key] for key in want} == want
