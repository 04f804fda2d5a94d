"""When a reply is due: N working days after the day a request arrived, in New York time.

Each case gives the moment a request arrived (in UTC, as the database stores it, unless the
local time is the point) and the local date and time its reply is due.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from clinic.practice.working_days import (
    date_in_words,
    reply_due,
    working_days_in_words,
)

NEW_YORK = ZoneInfo("America/New_York")
UTC = datetime.UTC
END = datetime.time(23, 59, 59)

MEMORIAL_DAY_2026 = datetime.date(2026, 5, 25)  # a Monday
THANKSGIVING_2026 = {datetime.date(2026, 11, 26), datetime.date(2026, 11, 27)}
CHRISTMAS_2026 = datetime.date(2026, 12, 25)  # a Friday
NEW_YEAR_2027 = datetime.date(2027, 1, 1)  # a Friday


@pytest.fixture(autouse=True)
def clinic_in_new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def local(*args):
    return datetime.datetime(*args, tzinfo=NEW_YORK)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def due_local(received_at, working_days=2, closed=()):
    """The due time as a naive local wall-clock time, after checking it is in New York."""
    due = reply_due(received_at, working_days, closed)
    assert due.tzinfo == NEW_YORK
    return due.replace(tzinfo=None)


def end_of(year, month, day):
    return datetime.datetime.combine(datetime.date(year, month, day), END)


@pytest.mark.parametrize(
    "received_at, due",
    [
        # Monday morning: Tuesday is the first working day after it, Wednesday the second.
        (local(2026, 10, 12, 9, 0), end_of(2026, 10, 14)),
        # Friday 16:00: Monday, then Tuesday.
        (local(2026, 10, 16, 16, 0), end_of(2026, 10, 20)),
        # Friday just before midnight is still Friday.
        (local(2026, 10, 16, 23, 59), end_of(2026, 10, 20)),
        # Saturday and Sunday count from Monday, like a request that came in on Monday.
        (local(2026, 10, 17, 0, 0), end_of(2026, 10, 21)),
        (local(2026, 10, 18, 22, 0), end_of(2026, 10, 21)),
    ],
    ids=["monday", "friday-afternoon", "friday-late", "saturday", "sunday"],
)
def test_weekends_are_not_working_days(received_at, due):
    assert due_local(received_at) == due


def test_a_request_after_hours_counts_from_its_local_date_not_from_utc():
    # Tuesday 8 December 2026, 23:30 in New York is already Wednesday 04:30 in UTC.
    assert due_local(utc(2026, 12, 9, 4, 30)) == end_of(2026, 12, 10)  # Thursday
    # An hour later it is Wednesday in New York too: one day later.
    assert due_local(utc(2026, 12, 9, 5, 30)) == end_of(2026, 12, 11)  # Friday


def test_the_same_moment_in_any_zone_is_due_at_the_same_time():
    moment = utc(2026, 12, 9, 4, 30)
    in_tokyo = moment.astimezone(ZoneInfo("Asia/Tokyo"))
    assert reply_due(in_tokyo, 2, ()) == reply_due(moment, 2, ())


def test_closed_days_are_skipped():
    # Wednesday before Thanksgiving: Thursday and Friday are closed, then the weekend.
    received = local(2026, 11, 25, 15, 0)
    assert due_local(received) == end_of(2026, 11, 27)  # Friday, when nothing is closed
    assert due_local(received, closed=THANKSGIVING_2026) == end_of(2026, 12, 1)  # Tuesday


def test_a_request_on_a_closed_day_counts_from_the_next_working_day():
    thanksgiving = local(2026, 11, 26, 10, 0)
    assert due_local(thanksgiving, closed=THANKSGIVING_2026) == end_of(2026, 12, 2)  # Wednesday


def test_a_closed_monday_right_after_a_weekend():
    closed = {MEMORIAL_DAY_2026}
    # Friday before Memorial Day: Tuesday, then Wednesday.
    assert due_local(local(2026, 5, 22, 16, 0), closed=closed) == end_of(2026, 5, 27)
    # Saturday counts from Tuesday, the first working day: Wednesday, then Thursday.
    assert due_local(local(2026, 5, 23, 11, 0), closed=closed) == end_of(2026, 5, 28)
    # On the holiday itself, the same.
    assert due_local(local(2026, 5, 25, 9, 0), closed=closed) == end_of(2026, 5, 28)


def test_closed_days_on_a_weekend_change_nothing():
    saturday = datetime.date(2026, 10, 17)
    assert due_local(local(2026, 10, 16, 16, 0), closed={saturday}) == end_of(2026, 10, 20)


@pytest.mark.parametrize(
    "received_at, due",
    [
        (local(2026, 10, 12, 9, 0), end_of(2026, 10, 13)),  # Monday: Tuesday
        (local(2026, 10, 16, 16, 0), end_of(2026, 10, 19)),  # Friday: Monday
        (local(2026, 10, 17, 12, 0), end_of(2026, 10, 20)),  # Saturday: from Monday, Tuesday
        (local(2026, 5, 22, 12, 0), end_of(2026, 5, 26)),  # Friday before Memorial Day: Tuesday
    ],
)
def test_one_working_day(received_at, due):
    assert due_local(received_at, 1, closed={MEMORIAL_DAY_2026}) == due


def test_five_working_days_across_christmas_and_new_year():
    closed = {CHRISTMAS_2026, NEW_YEAR_2027}
    # Monday 21 December: 22, 23, 24, (25 closed) 28, 29.
    assert due_local(local(2026, 12, 21, 10, 0), 5, closed) == end_of(2026, 12, 29)
    # Monday 28 December: 29, 30, 31, (1 January closed) 4, 5 January 2027.
    assert due_local(local(2026, 12, 28, 10, 0), 5, closed) == end_of(2027, 1, 5)
    # Without the closed days it would be two days earlier each time.
    assert due_local(local(2026, 12, 21, 10, 0), 5) == end_of(2026, 12, 28)


class TestSpringForward:
    """Sunday 8 March 2026: at 02:00 EST the clocks go to 03:00 EDT (UTC-5 to UTC-4)."""

    def test_friday_before_is_due_on_tuesday_at_the_end_of_the_day_in_summer_time(self):
        due = reply_due(local(2026, 3, 6, 16, 0), 2, ())
        assert due.replace(tzinfo=None) == end_of(2026, 3, 10)
        assert due.utcoffset() == datetime.timedelta(hours=-4)
        assert due.astimezone(UTC) == utc(2026, 3, 11, 3, 59, 59)

    @pytest.mark.parametrize(
        "received_at",
        [utc(2026, 3, 8, 6, 59), utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 7, 30)],
        ids=["01:59-EST", "03:00-EDT", "03:30-EDT"],
    )
    def test_sunday_either_side_of_the_change_counts_from_monday(self, received_at):
        due = reply_due(received_at, 2, ())
        assert due.replace(tzinfo=None) == end_of(2026, 3, 11)
        assert due.astimezone(UTC) == utc(2026, 3, 12, 3, 59, 59)

    def test_saturday_night_in_winter_time_is_still_saturday(self):
        # 23:30 EST on Saturday 7 March is 04:30 UTC on Sunday.
        assert due_local(utc(2026, 3, 8, 4, 30)) == end_of(2026, 3, 11)


class TestFallBack:
    """Sunday 1 November 2026: at 02:00 EDT the clocks go back to 01:00 EST (UTC-4 to -5)."""

    def test_friday_before_is_due_on_tuesday_at_the_end_of_the_day_in_winter_time(self):
        due = reply_due(local(2026, 10, 30, 16, 0), 2, ())
        assert due.replace(tzinfo=None) == end_of(2026, 11, 3)
        assert due.utcoffset() == datetime.timedelta(hours=-5)
        assert due.astimezone(UTC) == utc(2026, 11, 4, 4, 59, 59)

    @pytest.mark.parametrize(
        "received_at",
        [utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)],
        ids=["first-01:30-EDT", "second-01:30-EST"],
    )
    def test_the_repeated_hour_is_sunday_both_times(self, received_at):
        assert due_local(received_at) == end_of(2026, 11, 4)

    def test_saturday_night_in_summer_time_is_still_saturday(self):
        # 23:30 EDT on Saturday 31 October is 03:30 UTC on Sunday.
        assert due_local(utc(2026, 11, 1, 3, 30)) == end_of(2026, 11, 4)

    def test_a_wednesday_request_spanning_the_change_keeps_its_wall_clock_time(self):
        # Wednesday 28 October (EDT) plus three working days is Monday 2 November (EST):
        # counted in 24-hour steps it would land an hour off; it is 23:59:59 local time.
        due = reply_due(local(2026, 10, 28, 12, 0), 3, ())
        assert due.replace(tzinfo=None) == end_of(2026, 11, 2)
        assert due.astimezone(UTC) == utc(2026, 11, 3, 4, 59, 59)


def test_a_naive_time_or_no_working_days_is_refused():
    with pytest.raises(ValueError, match="aware"):
        reply_due(datetime.datetime(2026, 10, 12, 9, 0), 2, ())
    with pytest.raises(ValueError, match="at least 1"):
        reply_due(local(2026, 10, 12, 9, 0), 0, ())


@pytest.mark.parametrize(
    "count, words",
    [
        (1, "one working day"),
        (2, "two working days"),
        (5, "five working days"),
        (10, "ten working days"),
        (11, "11 working days"),
    ],
)
def test_working_days_in_words(count, words):
    assert working_days_in_words(count) == words


def test_dates_in_words_name_the_day_and_add_the_year_only_when_it_is_another_year():
    today = datetime.date(2026, 11, 27)
    assert date_in_words(datetime.date(2026, 12, 1), today) == "Tuesday 1 December"
    assert date_in_words(datetime.date(2027, 1, 5), today) == "Tuesday 5 January 2027"


def test_a_due_time_in_words_is_read_in_new_york():
    # 03:30 UTC on Wednesday 2 December is Tuesday evening in New York.
    today = datetime.date(2026, 11, 27)
    assert date_in_words(utc(2026, 12, 2, 3, 30), today) == "Tuesday 1 December"
