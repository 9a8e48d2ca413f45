"""The working-day calendar every deadline of the portal is counted on (LEGAL §6).

A working day is Monday to Friday, minus the Vietnamese public holidays and the days off the
government swaps in, plus the Saturdays it swaps out to be worked. The `holidays` package
(≥ 0.109) knows Tết and the announced swaps; ``CalendarDay`` rows entered by an administrator
override it. Catalog publication deadlines (Law Art 18(4)) and request deadlines (Law Arts
29–31, requests_app/deadlines.py) both use this module.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils import translation
from django.utils.translation import gettext as _

from portal.models import CalendarDay

ONE_DAY = datetime.timedelta(days=1)
# Far enough for any statutory period: 15 working days never span more than this.
_LOOKAHEAD = datetime.timedelta(days=120)


@dataclass(frozen=True)
class Day:
    date: datetime.date
    is_working_day: bool
    reason: str  # why a day is off (or worked on a weekend); empty for an ordinary weekday


@lru_cache(maxsize=8)
def _public_holidays(language: str, year: int):
    return holidays.country_holidays("VN", years=year, language=language)


def _package_calendar(year: int):
    language = "en_US" if (translation.get_language() or "vi").startswith("en") else "vi"
    return _public_holidays(language, year)


class WorkingCalendar:
    """The calendar for a span of dates, with the overrides loaded in one query."""

    def __init__(self, start: datetime.date, end: datetime.date):
        self.start, self.end = start, end
        self.overrides = {}
        self._load(start, end)

    @classmethod
    def around(cls, date: datetime.date) -> "WorkingCalendar":
        return cls(date - ONE_DAY, date + _LOOKAHEAD)

    def _load(self, start: datetime.date, end: datetime.date) -> None:
        rows = CalendarDay.objects.filter(date__range=(start, end)).only(
            "date", "is_working_day", "note"
        )
        self.overrides.update((row.date, row) for row in rows)
        self.start, self.end = min(self.start, start), max(self.end, end)

    def day(self, date: datetime.date) -> Day:
        if not self.start <= date <= self.end:
            self._load(date - ONE_DAY, date + _LOOKAHEAD)
        if override := self.overrides.get(date):
            return Day(date, override.is_working_day, override.note)
        public = _package_calendar(date.year)
        if name := public.get(date):
            return Day(date, False, name)
        if date.weekday() >= 5:
            if public.is_working_day(date):  # a Saturday swapped to be worked
                return Day(date, True, _("Weekend day worked in exchange for a day off"))
            return Day(date, False, _("Saturday") if date.weekday() == 5 else _("Sunday"))
        return Day(date, True, "")

    def is_working_day(self, date: datetime.date) -> bool:
        return self.day(date).is_working_day

    def days_after(self, start: datetime.date, working_days: int) -> list[Day]:
        """The days walked to count ``working_days`` from the day after ``start`` (Civil Code
        Art 147: the first day is not counted), the last one being the deadline."""
        walked, counted, date = [], 0, start
        while counted < working_days:
            date += ONE_DAY
            day = self.day(date)
            walked.append(day)
            counted += day.is_working_day
        return walked

    def add_working_days(self, start: datetime.date, working_days: int) -> datetime.date:
        if working_days <= 0:
            return start
        return self.days_after(start, working_days)[-1].date

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, date = 0, start
        while date < end:
            date += ONE_DAY
            count += self.is_working_day(date)
        return count

    def next_working_day(self, date: datetime.date) -> datetime.date:
        """``date`` itself if worked, else the next working day (Civil Code Art 148)."""
        while not self.is_working_day(date):
            date += ONE_DAY
        return date


def add_working_days(start: datetime.date, working_days: int) -> datetime.date:
    return WorkingCalendar.around(start).add_working_days(start, working_days)
