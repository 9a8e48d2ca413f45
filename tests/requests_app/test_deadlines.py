"""Deadlines for each channel and complexity, on the Vietnamese working-day calendar."""

import datetime

import pytest

from portal.models import CalendarDay
from requests_app import deadlines
from requests_app.models.rules import revision_in_force

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rules():
    return revision_in_force(D(2025, 1, 1))


@pytest.mark.parametrize(
    ("group", "complexity", "valid_on", "notice", "due"),
    [
        # Law Art 29: in person, simple = at once; complex = 10 working days.
        ("in_person", "simple", D(2025, 9, 8), None, D(2025, 9, 8)),
        ("in_person", "complex", D(2025, 9, 8), None, D(2025, 9, 22)),
        # Law Art 30: electronic, simple = 3 WD; complex = notice in 3 WD, answer in 15 WD.
        ("electronic", "simple", D(2025, 9, 8), None, D(2025, 9, 11)),
        ("electronic", "complex", D(2025, 9, 8), D(2025, 9, 11), D(2025, 9, 29)),
        # Law Art 31: post or fax, simple = 5 WD; complex as electronic.
        ("post_fax", "simple", D(2025, 9, 8), None, D(2025, 9, 15)),
        ("post_fax", "complex", D(2025, 9, 8), D(2025, 9, 11), D(2025, 9, 29)),
    ],
)
def test_each_channel_and_complexity(rules, group, complexity, valid_on, notice, due):
    result = deadlines.compute(rules, group, complexity, valid_on)

    assert (result.notice_due_on, result.due_on) == (notice, due)


def test_across_tet(rules):
    # Valid on Thursday 12/2/2026; Tết Bính Ngọ is 16–20/2: 3 WD → Fri 13, Mon 23, Tue 24.
    assert deadlines.compute(rules, "electronic", "simple", D(2026, 2, 12)).due_on == D(2026, 2, 24)


def test_a_holiday_on_a_weekend_gives_a_day_off_on_monday(rules):
    # Hùng Kings' day 2026 is Sunday 26/4, observed Monday 27/4; 30/4 and 1/5 are holidays too:
    # 3 WD from Friday 24/4 are Tue 28, Wed 29 and Mon 4/5.
    result = deadlines.compute(rules, "electronic", "simple", D(2026, 4, 24))

    assert result.due_on == D(2026, 5, 4)


def test_a_swapped_saturday_is_worked(rules):
    # Saturday 22/8/2026 is worked in exchange for Monday 31/8: Fri 21, Sat 22, Mon 24.
    assert deadlines.compute(rules, "electronic", "simple", D(2026, 8, 20)).due_on == D(2026, 8, 24)


def test_an_admin_override_moves_the_deadline(rules):
    CalendarDay.objects.create(date=D(2025, 9, 9), is_working_day=False, note="Nghỉ đột xuất")

    assert deadlines.compute(rules, "electronic", "simple", D(2025, 9, 8)).due_on == D(2025, 9, 12)


def test_an_extension_in_plain_days_ending_on_a_day_off_ends_on_the_next_working_day(rules):
    # Due Friday 13/2/2026; + 15 days = Saturday 28/2 → Monday 2/3 (Civil Code Art 148).
    assert deadlines.extension_cap(rules, "electronic", "complex", D(2026, 2, 13)) == D(2026, 3, 2)


def test_an_extension_in_working_days_for_requests_in_person(rules):
    assert deadlines.extension_cap(rules, "in_person", "complex", D(2025, 9, 22)) == D(2025, 10, 6)


def test_simple_requests_have_no_extension(rules):
    assert deadlines.extension_cap(rules, "electronic", "simple", D(2025, 9, 11)) is None


def test_explanation_lists_counted_and_skipped_days_with_reasons():
    days = deadlines.explain(D(2026, 2, 12), D(2026, 2, 24), "working", 3)

    skipped = {day.date: day.reason for day in days if not day.counted}
    counted = [day.date for day in days if day.counted]
    assert counted == [D(2026, 2, 13), D(2026, 2, 23), D(2026, 2, 24)]
    assert skipped[D(2026, 2, 14)] == "Thứ Bảy"
    assert len(skipped) == 9  # two weekends and the five days of Tết


def test_explanation_of_a_plain_day_period_marks_the_rolled_over_days():
    days = deadlines.explain(D(2026, 2, 13), D(2026, 3, 2), "calendar", 15)

    assert all(day.counted for day in days[:15])
    assert [(d.date, d.counted) for d in days[15:]] == [
        (D(2026, 3, 1), False),
        (D(2026, 3, 2), False),
    ]
    assert "ngày làm việc tiếp theo" in days[15].reason


@pytest.mark.parametrize(
    ("group", "complexity", "notice", "due"),
    [
        # Valid Thu 12/2/2026; then Fri 13 (1), weekend, Tết Mon 16 – Fri 20, weekend, Mon 23 (2),
        # Tue 24 (3), Wed 25, Thu 26 (5) … Thu 5/3 (10) … Thu 12/3 (15).
        ("in_person", "simple", None, D(2026, 2, 12)),
        ("in_person", "complex", None, D(2026, 3, 5)),
        ("electronic", "simple", None, D(2026, 2, 24)),
        ("electronic", "complex", D(2026, 2, 24), D(2026, 3, 12)),
        ("post_fax", "simple", None, D(2026, 2, 26)),
        ("post_fax", "complex", D(2026, 2, 24), D(2026, 3, 12)),
    ],
)
def test_each_channel_and_complexity_across_tet(rules, group, complexity, notice, due):
    result = deadlines.compute(rules, group, complexity, D(2026, 2, 12))

    assert (result.notice_due_on, result.due_on) == (notice, due)


@pytest.mark.parametrize(
    ("channel", "complexity", "notice", "due"),
    [
        ("online", "simple", None, D(2025, 9, 11)),
        ("online", "complex", D(2025, 9, 11), D(2025, 9, 29)),
        ("email", "simple", None, D(2025, 9, 11)),
        ("email", "complex", D(2025, 9, 11), D(2025, 9, 29)),
        ("in_person", "simple", None, D(2025, 9, 8)),
        ("in_person", "complex", None, D(2025, 9, 22)),
        ("post", "simple", None, D(2025, 9, 15)),
        ("post", "complex", D(2025, 9, 11), D(2025, 9, 29)),
        ("fax", "simple", None, D(2025, 9, 15)),
        ("fax", "complex", D(2025, 9, 11), D(2025, 9, 29)),
    ],
)
def test_each_channel_a_request_arrives_by_sets_its_deadlines(
    agency_a, time_machine, channel, complexity, notice, due
):
    from requests_app import workflow
    from tests import factories

    time_machine.move_to(datetime.datetime(2025, 9, 8, 9, 0, tzinfo=datetime.UTC))
    officer = factories.OfficerFactory(agency=agency_a).user
    req = factories.make_request(agency_a, channel=channel)

    workflow.transition(req, "accept", actor=officer, complexity=complexity)

    assert (req.notice_due_on, req.due_on) == (notice, due)


def test_an_extension_in_plain_days_ending_on_a_holiday_ends_after_it(rules):
    # Due Wed 15/4/2026; + 15 days = Thu 30/4 (Reunification Day), Fri 1/5 (Labour Day),
    # then a weekend: the extension ends on Monday 4/5.
    assert deadlines.extension_cap(rules, "post_fax", "complex", D(2026, 4, 15)) == D(2026, 5, 4)


def test_a_saturday_an_administrator_marks_as_worked_counts(rules, client, superuser):
    from django.urls import reverse

    before = deadlines.compute(rules, "electronic", "simple", D(2025, 9, 11)).due_on
    client.force_login(superuser)
    response = client.post(
        reverse("admin:portal_calendarday_add"),
        {"date": "13/09/2025", "is_working_day": "on", "note": "Làm bù theo Thông báo 1/TB"},
    )

    assert response.status_code == 302
    assert before == D(2025, 9, 16)  # Fri 12, Mon 15, Tue 16
    after = deadlines.compute(rules, "electronic", "simple", D(2025, 9, 11))
    assert after.due_on == D(2025, 9, 15)  # Fri 12, Sat 13 (worked), Mon 15
    reasons = {
        d.date: d.reason for d in deadlines.explain(D(2025, 9, 11), after.due_on, "working", 3)
    }
    assert reasons[D(2025, 9, 13)] == "Làm bù theo Thông báo 1/TB"
