"""The one reader of a date a person gives: ``--date``, ``--meeting-date``, the web's date,
an answer to ``towns new`` and the dates in the project's YAML files.

Only ``YYYY-MM-DD`` is a date. Python 3.11's :meth:`datetime.date.fromisoformat` also
reads ISO week dates ("2026-W01-1" is December 29, 2025) and compact forms ("20260302"),
which a person never means. And only a plausible year is one: documents are drafted for
meetings now and in the coming years, and the records draftkit reads (the FIPP model a
policy follows, clause versions and reviews) all date from this century. A year before
2000 or more than ten years ahead ("0001", "1776", "9999") is a slip of the keyboard,
never a plan, and it would print as "DRAFT — January 1, 1". Ten years ahead leaves room
for any meeting a town could plan; the range moves with today's date.
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST = dt.date(2000, 1, 1)
"""The earliest date accepted."""

YEARS_AHEAD = 10
"""How many years after this one a date may fall in."""

DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2026-03-02"
"""The hint to give when a text is not a date."""

RANGE_HINT = "check the year: draftkit takes dates from 2000 to ten years from now"
"""The hint to give when a date is out of range."""

_FORM = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def latest(today: dt.date | None = None) -> dt.date:
    """The last date accepted: December 31, ten years after ``today``'s year."""
    return dt.date((today or dt.date.today()).year + YEARS_AHEAD, 12, 31)


class DateProblem(ValueError):
    """A text that is not a date, or a date outside the accepted range.

    Attributes:
        code: ``not_a_date`` or ``date_out_of_range`` (stable, for front ends that word
            it in another language).
        details: ``first`` and ``last`` (YYYY-MM-DD) for ``date_out_of_range``.
        hint: What to do about it.
    """

    def __init__(self, message: str, *, code: str, details: dict[str, str], hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details
        self.hint = hint


def check_range(day: dt.date, *, today: dt.date | None = None) -> dt.date:
    """Return ``day`` when it lies from 2000 to ten years ahead.

    Raises:
        DateProblem: ``date_out_of_range``.
    """
    last = latest(today)
    if not EARLIEST <= day <= last:
        raise DateProblem(
            f"{day.isoformat()} is outside the dates draftkit accepts "
            f"({EARLIEST.isoformat()} to {last.isoformat()})",
            code="date_out_of_range",
            details={"first": EARLIEST.isoformat(), "last": last.isoformat()},
            hint=RANGE_HINT,
        )
    return day


def read_date(text: str, *, today: dt.date | None = None) -> dt.date:
    """Read a date a person typed: ``YYYY-MM-DD`` (spaces around it allowed), a real
    calendar day, from 2000 to ten years ahead.

    Raises:
        DateProblem: ``not_a_date`` (the message is ``'<text>' is not a date``) or
            ``date_out_of_range``.
    """
    cleaned = text.strip()
    day: dt.date | None = None
    if _FORM.fullmatch(cleaned):
        try:
            day = dt.date.fromisoformat(cleaned)
        except ValueError:
            day = None
    if day is None:
        raise DateProblem(f"{text!r} is not a date", code="not_a_date", details={}, hint=DATE_HINT)
    return check_range(day, today=today)


__all__ = [
    "DATE_HINT",
    "EARLIEST",
    "RANGE_HINT",
    "YEARS_AHEAD",
    "DateProblem",
    "check_range",
    "latest",
    "read_date",
]
