"""Booking managers change the working days to reply and the closed days in the clinic
settings, and nothing else there; administrators change everything; clinicians nothing."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from clinic.practice.details import ClinicSettings
from tests.factories import crisis_line


@pytest.fixture
def clinic(site):
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    clinic.crisis_lines = [crisis_line()]
    clinic.save()
    return clinic


@pytest.fixture
def edit_url(site):
    return reverse("wagtailsettings:edit", args=["clinic", "clinicsettings", site.pk])


def reply_form(working_days, *closed):
    return nested_form_data(
        {
            "reply_working_days": working_days,
            "closed_days": streamfield(
                [("day", {"date": date, "label": "Closed"}) for date in closed]
            ),
        }
    )


def test_a_manager_sees_only_the_reply_promise_and_the_closed_days(
    client, clinic, booking_manager, edit_url
):
    client.force_login(booking_manager)
    response = client.get(edit_url)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"reply_working_days", "closed_days"}
    html = response.content.decode()
    assert 'name="reply_working_days"' in html
    assert "(555) 010-0140" not in html


def test_a_manager_changes_the_promise_and_the_clinics_details_stay(
    client, clinic, booking_manager, edit_url, site
):
    client.force_login(booking_manager)
    response = client.post(edit_url, reply_form(3, "2026-12-24", "2026-12-31"))
    assert response.status_code == 302

    saved = ClinicSettings.objects.get(site=site)
    assert saved.reply_working_days == 3
    assert [day.value["date"] for day in saved.closed_days] == [
        datetime.date(2026, 12, 24),
        datetime.date(2026, 12, 31),
    ]
    assert saved.phone == "(555) 010-0140"
    assert saved.crisis_lines[0].value["name"] == "Test Crisis Line"
    assert saved.name == "Northbridge Mind Clinic"


@pytest.mark.parametrize(
    "working_days, closed, field",
    [(0, ["2026-12-24"], "reply_working_days"), (2, ["2026-02-30"], "closed_days")],
    ids=["no-working-days", "no-such-date"],
)
def test_no_working_days_or_an_impossible_date_is_refused(
    client, clinic, booking_manager, edit_url, site, working_days, closed, field
):
    client.force_login(booking_manager)
    response = client.post(edit_url, reply_form(working_days, *closed))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    saved = ClinicSettings.objects.get(site=site)
    assert saved.reply_working_days == 2
    assert len(saved.closed_days) == 0


def test_an_administrator_edits_every_field(client, clinic, superuser, edit_url):
    client.force_login(superuser)
    form = client.get(edit_url).context["form"]
    assert {"phone", "crisis_lines", "opening_hours", "reply_working_days", "closed_days"} <= set(
        form.fields
    )


def test_a_clinician_cannot_open_the_clinic_settings(client, clinic, clinician, edit_url):
    client.force_login(clinician)
    response = client.get(edit_url)
    assert response.status_code in (302, 403)
    assert "form" not in (response.context or {})
