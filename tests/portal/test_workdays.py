"""The working-day calendar: weekends, Tết, swapped days, and the administrator's overrides."""

import datetime

import pytest

from portal.models import CalendarDay
from portal.workdays import WorkingCalendar, add_working_days

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        (D(2025, 9, 8), 5, D(2025, 9, 15)),  # Monday + 5: the weekend is skipped
        (D(2026, 2, 12), 5, D(2026, 2, 26)),  # across Tết Bính Ngọ, 16–20 February 2026
        (D(2026, 4, 24), 1, D(2026, 4, 28)),  # Hùng Kings on Sunday 26/4, observed Monday 27/4
        (D(2026, 8, 21), 1, D(2026, 8, 22)),  # Saturday 22/8/2026 is worked (swapped for 31/8)
        (D(2026, 8, 28), 1, D(2026, 9, 3)),  # 31/8 swapped off, 1–2/9 National Day
        (D(2025, 9, 8), 0, D(2025, 9, 8)),
    ],
)
def test_working_days_are_counted_from_the_next_day(start, days, deadline):
    assert add_working_days(start, days) == deadline


def test_an_override_makes_a_weekday_a_day_off():
    CalendarDay.objects.create(
        date=D(2027, 1, 4), is_working_day=False, note="Nghỉ bù theo thông báo 12/TB-VPCP"
    )

    assert add_working_days(D(2027, 1, 1), 1) == D(2027, 1, 5)


def test_an_override_makes_a_saturday_worked():
    CalendarDay.objects.create(date=D(2027, 1, 9), is_working_day=True, note="Làm bù")

    assert add_working_days(D(2027, 1, 8), 1) == D(2027, 1, 9)


def test_each_skipped_day_says_why():
    days = WorkingCalendar.around(D(2026, 2, 13)).days_after(D(2026, 2, 13), 1)

    reasons = {day.date: day.reason for day in days if not day.is_working_day}
    assert reasons[D(2026, 2, 14)] == "Thứ Bảy"
    assert reasons[D(2026, 2, 15)] == "Chủ nhật"
    assert "Tết" in reasons[D(2026, 2, 17)] or "Giao thừa" in reasons[D(2026, 2, 16)]
    assert days[-1].date == D(2026, 2, 23)


def test_a_calendar_beyond_its_first_window_loads_more_overrides():
    CalendarDay.objects.create(date=D(2027, 6, 1), is_working_day=False, note="Nghỉ")
    calendar = WorkingCalendar(D(2027, 1, 1), D(2027, 1, 31))

    assert calendar.is_working_day(D(2027, 6, 1)) is False


def test_next_working_day_rolls_a_day_off_forward():
    calendar = WorkingCalendar.around(D(2026, 2, 14))

    assert calendar.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)
    assert calendar.next_working_day(D(2026, 2, 23)) == D(2026, 2, 23)
