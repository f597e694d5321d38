"""Dates as the rules count them: age in whole years, the same day years or months later.

One rule for a day that a later month does not have (29 February in a common year, 31 in a
month of 30 days): it moves **forward to the first day of the next month**, never back. So a
person born on 29 February turns a year older on 1 March; a pass issued on 29 February is two
years old on 1 March; three months of registration from 30 November are complete on 1 March.
Moving forward is the stricter reading where the date opens a right (an age, months of
registration: never a day too early) and the longer one where it ends a pass (whose last day is
a disputed reading anyway, see the Groningen regime).

>>> age_on(date(2004, 2, 29), date(2025, 2, 28)), age_on(date(2004, 2, 29), date(2025, 3, 1))
(20, 21)
>>> add_years(date(2020, 2, 29), 2), add_months(date(2024, 11, 30), 3), add_months(date(2025, 1, 31), 1)
(datetime.date(2022, 3, 1), datetime.date(2025, 3, 1), datetime.date(2025, 3, 1))

The calendar ends on 9999-12-31 (``date.max``), a date case systems also use for "no end": a day
after it is ``None`` here (:func:`add_years`, :func:`add_months`, :func:`add_days`, :func:`day_after`), which a rule
reads as "on no day of the calendar".

>>> add_years(date(9999, 5, 1), 1), day_after(date.max)
(None, None)
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, date, timedelta


def _on_or_after(year: int, month: int, day: int) -> date | None:
    """``year-month-day``, or the first day of the next month if the month has no such day;
    ``None`` after the calendar's last day."""
    if year > MAXYEAR:
        return None
    if day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return date(year + month // 12, month % 12 + 1, 1)


def add_years(day: date, years: int) -> date | None:
    """The same calendar day ``years`` later (29 February becomes 1 March); ``None`` after 9999-12-31.

    >>> add_years(date(2022, 3, 1), 2)
    datetime.date(2024, 3, 1)
    """
    return _on_or_after(day.year + years, day.month, day.day)


def add_months(day: date, months: int) -> date | None:
    """The same day ``months`` later (a day the month does not have becomes the 1st of the next);
    ``None`` after 9999-12-31.

    >>> add_months(date(2025, 3, 1), 3), add_months(date(2024, 11, 15), 14)
    (datetime.date(2025, 6, 1), datetime.date(2026, 1, 15))
    """
    month = day.month - 1 + months
    return _on_or_after(day.year + month // 12, month % 12 + 1, day.day)


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day``: one more on each birthday as :func:`add_years` counts it.

    >>> age_on(date(2003, 5, 1), date(2024, 4, 30)), age_on(date(2003, 5, 1), date(2024, 5, 1))
    (20, 21)
    """
    # The birthday in ``day.year`` has passed when (month, day) is not before the birth's;
    # 29 February then counts from 1 March in a common year, as add_years has it.
    years = day.year - birth_date.year
    return years - 1 if (day.month, day.day) < (birth_date.month, birth_date.day) else years


def day_before(day: date) -> date:
    return day - timedelta(days=1)


def add_days(day: date, days: int) -> date | None:
    """``day`` moved by ``days`` (either way); ``None`` outside the calendar.

    >>> add_days(date(2024, 5, 1), 365), add_days(date(9999, 12, 1), 31)
    (datetime.date(2025, 5, 1), None)
    """
    if not -(day - date.min).days <= days <= (date.max - day).days:
        return None
    return day + timedelta(days=days)


def day_after(day: date) -> date | None:
    """The next day; ``None`` after 9999-12-31 (a licence valid until then never expires)."""
    return add_days(day, 1)
