"""Report periods: a span of local dates, the moments that bound it, the year before."""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @property
    def start_at(self) -> datetime.datetime:
        return local_midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        """The first moment after the period."""
        return local_midnight(self.end + datetime.timedelta(days=1))

    def year_before(self) -> "Period":
        return Period(one_year_earlier(self.start), one_year_earlier(self.end))

    def previous(self) -> "Period":
        """What a report compares with: the same dates a year before, or, for a period longer
        than a year (the three-yearly report, Decree 13 Art 12(3)), the period of the same
        length that ends the day before it starts."""
        if one_year_earlier(self.end) < self.start:
            return self.year_before()
        end = self.start - datetime.timedelta(days=1)
        return Period(end - (self.end - self.start), end)

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def local_midnight(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def one_year_earlier(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year - 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year - 1, day=28)
