"""Working days: when a reply to a consultation request is due, and the promise in words.

The booking page promises a first reply within a number of working days
(ClinicSettings.reply_working_days); the managers' queue shows the same due time. Both come
from `reply_due`, so the page and the queue never disagree.

The rule, in the clinic's time zone (Django's TIME_ZONE, America/New_York by default):

- A **working day** is Monday to Friday, except the clinic's closed days (public holidays and
  the like, ClinicSettings.closed_days). Saturday opening hours do not make Saturday a
  working day: a reply is a staff task, done on weekdays.
- The **day of arrival** is the local calendar date the request arrived on, whatever the
  hour: a request sent on a Tuesday at 23:30 arrived on Tuesday. A request that arrives on a
  weekend or a closed day is treated as arriving on the next working day.
- The reply is **due by the end of the Nth working day after the day of arrival**: 23:59:59
  local time on that day. Visitors are promised a day ("by Tuesday 1 December"), not an
  hour, and the team always has N whole working days after the one the request came in on.

Examples with 2 working days: Friday 16:00 is due by the end of Tuesday; Saturday or Sunday
count from Monday, so Wednesday; if Monday is a holiday, Saturday counts from Tuesday, so
Thursday.

Dates are counted on the calendar and the due time is built as a local wall-clock time, then
given its zone, so a daylight-saving change in between moves nothing (no 24-hour steps).
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

SATURDAY = 5  # date.weekday(): Monday is 0
END_OF_DAY = datetime.time(23, 59, 59)
# As they read before "working day(s)" (Spanish: "un día hábil", "dos días hábiles").
NUMBER_WORDS = [
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
    gettext_lazy("ten"),
]


def clinic_timezone():
    """The clinic's time zone: Django's TIME_ZONE."""
    return ZoneInfo(settings.TIME_ZONE)


def is_working_day(day, closed_days=frozenset()):
    """Monday to Friday, and not one of the clinic's closed days."""
    return day.weekday() < SATURDAY and day not in closed_days


def next_working_day(day, closed_days=frozenset()):
    """The first working day strictly after `day`."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day, closed_days):
        day += datetime.timedelta(days=1)
    return day


def arrival_day(received_at, closed_days=frozenset(), tz=None):
    """The working day a request counts as arriving on: its local date, or the next working
    day when it arrived on a weekend or a closed day."""
    if timezone.is_naive(received_at):
        raise ValueError("received_at must be an aware datetime")
    day = received_at.astimezone(tz or clinic_timezone()).date()
    if is_working_day(day, closed_days):
        return day
    return next_working_day(day, closed_days)


def reply_due(received_at, working_days, closed_days=(), tz=None):
    """The aware datetime (in the clinic's time zone) by which a reply is due: 23:59:59 on
    the `working_days`-th working day after the day the request arrived.

    received_at: an aware datetime, in any zone. working_days: at least 1.
    closed_days: dates (datetime.date) on which the clinic is closed.
    """
    if working_days < 1:
        raise ValueError("working_days must be at least 1")
    tz = tz or clinic_timezone()
    closed = frozenset(closed_days)
    day = arrival_day(received_at, closed, tz)
    for _ in range(working_days):
        day = next_working_day(day, closed)
    # A wall-clock time on a calendar date, then its zone: the UTC offset of that day.
    return datetime.datetime.combine(day, END_OF_DAY, tzinfo=tz)


def working_days_in_words(count):
    """'one working day', 'two working days' ... 'ten working days', then '12 working days'."""
    number = NUMBER_WORDS[count - 1] if 1 <= count <= len(NUMBER_WORDS) else str(count)
    return ngettext("%(number)s working day", "%(number)s working days", count) % {"number": number}


def date_in_words(moment, today=None):
    """A date as visitors read it: 'Tuesday 1 December', with the year ('Monday 4 January
    2027') when it is not this year's. A datetime is read in the clinic's time zone."""
    if isinstance(moment, datetime.datetime):
        moment = moment.astimezone(clinic_timezone()).date()
    today = today or timezone.localdate(timezone=clinic_timezone())
    # Translators: Django date formats; Spanish puts "de" between day, month and year.
    this_year, other_year = gettext("l j F"), gettext("l j F Y")
    return dateformat.format(moment, this_year if moment.year == today.year else other_year)


@dataclass(frozen=True)
class ReplyPromise:
    """What the booking and thank-you pages say: how many working days, and by which date
    a request sent now will have its reply."""

    working_days: int
    due: datetime.datetime

    @property
    def days_in_words(self):
        return working_days_in_words(self.working_days)

    @property
    def due_in_words(self):
        return date_in_words(self.due)


def closed_dates(clinic_settings):
    """The dates of a ClinicSettings' closed days."""
    return frozenset(block.value["date"] for block in clinic_settings.closed_days)


def clinic_reply_due(clinic_settings, received_at):
    """reply_due with the working days and closed days of a ClinicSettings."""
    return reply_due(received_at, clinic_settings.reply_working_days, closed_dates(clinic_settings))


def reply_promise(clinic_settings, now=None):
    """The promise for a request sent `now` (by default, at the moment of rendering)."""
    received_at = now or timezone.now()
    return ReplyPromise(
        working_days=clinic_settings.reply_working_days,
        due=clinic_reply_due(clinic_settings, received_at),
    )
