"""The booking form offers the live treatment pages (and "Not sure yet"), records the page the
visitor chose, and preselects the treatment whose page the visitor came from."""

import re

import pytest

from booking.models import BookingSubmission
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatments(home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    return {
        "infusion": TreatmentPageFactory(parent=index, title="Ketamine infusion", slug="infusion"),
        "spray": TreatmentPageFactory(parent=index, title="Esketamine spray", slug="spray"),
    }


def checked_service(html):
    """The value of the service radio button that is checked, or None."""
    for tag in re.findall(r'<input[^>]*name="service"[^>]*>', html):
        if " checked" in tag:
            return re.search(r'value="([^"]*)"', tag)[1]
    return None


def choices(booking_page):
    return [label for _, label in booking_page.get_form().fields["service"].choices]


def test_the_choices_are_the_live_treatments_and_not_sure(booking_page, treatments):
    assert choices(booking_page) == ["Ketamine infusion", "Esketamine spray", "Not sure yet"]


def test_a_treatment_is_bookable_the_moment_it_goes_live_and_not_after(booking_page, treatments):
    index = treatments["spray"].get_parent()
    new = TreatmentPageFactory(parent=index, title="Ketamine lozenges", live=False)
    assert "Ketamine lozenges" not in choices(booking_page)
    new.save_revision().publish()
    assert "Ketamine lozenges" in choices(booking_page)
    treatments["spray"].unpublish()
    assert "Esketamine spray" not in choices(booking_page)


def test_the_request_records_the_treatment_page(client, booking_page, treatments, valid_data):
    spray = treatments["spray"]
    client.post(booking_page.url, dict(valid_data, service=str(spray.pk)))
    submission = BookingSubmission.objects.get()
    assert submission.service_page_id == spray.pk
    assert submission.form_data["service"] == "Esketamine spray"


def test_not_sure_records_no_page(client, booking_page, treatments, valid_data):
    client.post(booking_page.url, dict(valid_data, service="not-sure"))
    submission = BookingSubmission.objects.get()
    assert submission.service_page is None
    assert submission.form_data["service"] == "Not sure yet"


def test_a_page_that_is_not_a_live_treatment_is_refused(
    client, booking_page, treatments, valid_data, home_page
):
    for forged in (str(home_page.pk), str(booking_page.pk), "999999"):
        response = client.post(booking_page.url, dict(valid_data, service=forged))
        assert "Choose one of the treatments listed" in response.content.decode()
    assert not BookingSubmission.objects.exists()


def test_a_treatment_pages_booking_link_preselects_it(client, booking_page, treatments):
    spray = treatments["spray"]
    html = client.get(spray.url).content.decode()
    assert f'href="{booking_page.url}?service=spray"' in html
    form_html = client.get(f"{booking_page.url}?service=spray").content.decode()
    assert checked_service(form_html) == str(spray.pk)


def test_an_unknown_service_in_the_link_preselects_nothing(client, booking_page, treatments):
    html = client.get(f"{booking_page.url}?service=no-such-page").content.decode()
    assert 'name="service"' in html
    assert checked_service(html) is None
