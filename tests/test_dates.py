"""One reader for every date a person gives: only YYYY-MM-DD, from 2000 to ten years
ahead (draftkit.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftkit.dates import EARLIEST, DateProblem, latest, read_date

TODAY = dt.date(2026, 12, 1)


@given(st.dates(min_value=EARLIEST, max_value=latest(TODAY)))
def test_every_day_in_range_reads_back_as_itself(day: dt.date) -> None:
    assert read_date(day.isoformat(), today=TODAY) == day
    assert read_date(f"  {day.isoformat()} ", today=TODAY) == day


@given(st.dates().filter(lambda d: not EARLIEST <= d <= latest(TODAY)))
def test_every_day_out_of_range_is_refused_with_the_range(day: dt.date) -> None:
    with pytest.raises(DateProblem) as raised:
        read_date(day.isoformat(), today=TODAY)
    assert raised.value.code == "date_out_of_range"
    assert raised.value.details == {"first": "2000-01-01", "last": "2036-12-31"}


@given(st.text(max_size=12))
def test_only_yyyy_mm_dd_is_a_date(text: str) -> None:
    try:
        day = read_date(text, today=TODAY)
    except DateProblem:
        return
    assert day.isoformat() == text.strip()


@pytest.mark.parametrize(
    "text", ["2026-W01-1", "2026W011", "20260302", "2026-03-02T00:00", "2026-3-2", "２０２６-03-02"]
)
def test_other_iso_forms_are_not_dates(text: str) -> None:
    with pytest.raises(DateProblem, match="is not a date") as raised:
        read_date(text, today=TODAY)
    assert raised.value.code == "not_a_date"


def test_the_range_moves_with_today() -> None:
    assert latest(dt.date(2026, 1, 1)) == dt.date(2036, 12, 31)
    assert read_date("2036-12-31", today=TODAY) == dt.date(2036, 12, 31)
    with pytest.raises(DateProblem):
        read_date("2037-01-01", today=TODAY)
