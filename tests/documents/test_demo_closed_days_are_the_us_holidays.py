"""The demo clinic promises a reply in two working days and closes on the US federal holidays
of 2026 and 2027 (on the weekday each is observed) and the day after Thanksgiving."""

import calendar
import datetime

import pytest
import yaml
from django.core.management import call_command

from clinic.documents.demo import content_dir
from clinic.practice.details import ClinicSettings

MONDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = 0, 3, 4, 5, 6


def nth_weekday(year, month, weekday, n):
    """The n-th given weekday of a month (n from 1); n=-1 for the last."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
    return datetime.date(year, month, days[n - 1] if n > 0 else days[n])


def observed(day):
    """A federal holiday on a Saturday is observed on the Friday before, on a Sunday on the
    Monday after (US Office of Personnel Management)."""
    if day.weekday() == SATURDAY:
        return day - datetime.timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + datetime.timedelta(days=1)
    return day


def closed_days_by_rule(year):
    thanksgiving = nth_weekday(year, 11, THURSDAY, 4)
    return {
        observed(datetime.date(year, 1, 1)),
        nth_weekday(year, 1, MONDAY, 3),  # Martin Luther King Jr. Day
        nth_weekday(year, 2, MONDAY, 3),  # Presidents' Day
        nth_weekday(year, 5, MONDAY, -1),  # Memorial Day
        observed(datetime.date(year, 6, 19)),  # Juneteenth
        observed(datetime.date(year, 7, 4)),  # Independence Day
        nth_weekday(year, 9, MONDAY, 1),  # Labor Day
        thanksgiving,
        thanksgiving + datetime.timedelta(days=1),  # the clinic closes the day after too
        observed(datetime.date(year, 12, 25)),
    }


def demo_closed_days():
    data = yaml.safe_load((content_dir() / "settings.yaml").read_text(encoding="utf-8"))
    return {day["date"] for day in data["closed_days"]}


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_demo_lists_every_holiday_of_the_year_on_the_right_weekday(year):
    listed = {day for day in demo_closed_days() if day.year == year}
    # A New Year's Day on a Saturday is observed the year before (1 January 2028: Friday
    # 31 December 2027), so the neighbouring years' rules count too.
    by_rule = set().union(*(closed_days_by_rule(y) for y in (year - 1, year, year + 1)))
    expected = {day for day in by_rule if day.year == year}
    assert listed == expected
    assert datetime.date(2026, 11, 26) in demo_closed_days()  # Thanksgiving, a Thursday
    assert all(day.weekday() < SATURDAY for day in listed)


@pytest.mark.django_db
def test_the_demo_loads_the_promise_and_the_closed_days_once(site):
    call_command("load_demo_content")
    clinic = ClinicSettings.for_site(site)
    assert clinic.reply_working_days == 2
    loaded = [(day.value["date"], day.value["label"]) for day in clinic.closed_days]
    assert (datetime.date(2026, 11, 26), "Thanksgiving") in loaded
    assert {date for date, _ in loaded} == demo_closed_days()

    call_command("load_demo_content")
    assert len(ClinicSettings.for_site(site).closed_days) == len(loaded)


@pytest.mark.django_db
def test_a_demo_site_made_before_closed_days_gets_them_and_keeps_its_settings(site):
    call_command("load_demo_content")
    clinic = ClinicSettings.for_site(site)
    clinic.closed_days = []
    clinic.reply_working_days = 3
    clinic.phone = "(555) 010-9999"
    clinic.save()

    call_command("load_demo_content")
    clinic = ClinicSettings.for_site(site)
    assert {day.value["date"] for day in clinic.closed_days} == demo_closed_days()
    assert clinic.reply_working_days == 3
    assert clinic.phone == "(555) 010-9999"
