"""The service's month arithmetic (vvf/dates.py), which the retention rules count by."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vvf import dates


@pytest.mark.parametrize(
    ("outcome", "due"),
    [
        (datetime.date(2026, 8, 31), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), datetime.date(2026, 9, 15)),
    ],
)
def test_six_months_after_an_outcome(outcome, due):
    assert dates.months_after(outcome, 6) == due
    assert dates.months_before(due, 6) >= outcome
    assert dates.months_before(due - datetime.timedelta(days=1), 6) < outcome


def test_months_before_the_last_of_february_reaches_the_end_of_august():
    assert dates.months_before(datetime.date(2027, 2, 28), 6) == datetime.date(2026, 8, 31)
    assert dates.months_before(datetime.date(2028, 2, 29), 6) == datetime.date(2027, 8, 31)
    assert dates.months_before(datetime.date(2028, 2, 28), 6) == datetime.date(2027, 8, 28)


@given(
    day=st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)),
    months=st.sampled_from([1, 6, 12, 72]),
)
def test_months_before_is_the_last_day_whose_months_have_passed(day, months):
    earliest = dates.months_before(day, months)

    assert dates.months_after(earliest, months) <= day
    assert dates.months_after(earliest + datetime.timedelta(days=1), months) > day


def test_calendar_months():
    assert dates.first_of_month(datetime.date(2026, 12, 31)) == datetime.date(2026, 12, 1)
    assert dates.last_of_month(datetime.date(2028, 2, 3)) == datetime.date(2028, 2, 29)
    assert dates.following_month(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 1)
    assert dates.previous_month(datetime.date(2027, 3, 31)) == datetime.date(2027, 2, 1)


def test_months_earlier_and_years_after_keep_the_day_or_take_the_months_last():
    assert dates.months_earlier(datetime.date(2027, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert dates.months_earlier(datetime.date(2026, 9, 15), 6) == datetime.date(2026, 3, 15)
    assert dates.years_after(datetime.date(2025, 3, 1), 2) == datetime.date(2027, 3, 1)
    assert dates.years_after(datetime.date(2024, 2, 29), 2) == datetime.date(2026, 2, 28)
