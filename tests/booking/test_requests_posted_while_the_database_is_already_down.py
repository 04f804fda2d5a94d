"""A booking request posted when the database is down already (before the page could be routed,
its questions read, the session or the site looked up) is not lost: it is checked (CSRF, the
limits, the same form rules) and held from the copy of the form, then stored once later."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from booking import form_copy, held_requests
from booking.models import BookingSubmission
from clinic.serving import outage_copies
from tests.outage import database_down, insert_fails
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_outage_folders")]

PLAIN_VALUES = ["Avery Example", "avery@example.com", "Mornings are best."]


@pytest.fixture
def treatment(home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    return TreatmentPageFactory(parent=index, title="Ketamine infusion", slug="infusion")


@pytest.fixture
def kept(booking_page, treatment, clinic_contacts):
    """The form and the clinic's details, as a first view of the booking page keeps them."""
    clinic_contacts.keep_contact_copy()
    form_copy.keep_form_copy()
    return booking_page


@pytest.fixture
def visitor(kept):
    """A browser with the booking form open: the security cookie set, the token in the page,
    and a session cookie (which needs the database to be read)."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    html = browser.get(kept.url).content.decode()
    browser.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    browser.cookies["sessionid"] = "a" * 32
    return browser


@pytest.fixture
def answers(valid_data, visitor, treatment):
    return dict(valid_data, service=str(treatment.pk), csrfmiddlewaretoken=visitor.token)


def spool_files(settings):
    return sorted(settings.BOOKING_SPOOL_DIR.glob("*.held"))


def post_while_down(visitor, page, data):
    with database_down():
        return visitor.post(page.url, data)


def test_a_valid_request_is_held_encrypted_and_thanked_with_a_reference(
    visitor, kept, answers, treatment, settings
):
    response = post_while_down(visitor, kept, answers)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "Thank you: your request has been sent" in html
    assert "within two working days" in html
    [path] = spool_files(settings)
    reference = path.name.removesuffix(".held")
    assert f"Your reference is <strong>{reference}</strong>" in html
    on_disk = path.read_text()
    for value in PLAIN_VALUES:
        assert value not in on_disk
    held = held_requests.read(path)
    assert held.page_id == kept.pk
    assert held.service_page_id == treatment.pk
    assert held.form_data["service"] == "Ketamine infusion"
    assert held.form_data["which_days_and_times_suit_you"] == [
        "Weekday mornings",
        "Saturday mornings",
    ]


def test_it_is_held_exactly_as_a_request_whose_insert_failed(
    visitor, kept, answers, settings, client
):
    post_while_down(visitor, kept, answers)
    with insert_fails():
        client.post(kept.url, answers)
    first, second = (held_requests.read(path) for path in spool_files(settings))

    assert first.form_data == second.form_data
    assert (first.page_id, first.service_page_id, first.consent_version) == (
        second.page_id,
        second.service_page_id,
        second.consent_version,
    )


def test_the_held_request_is_stored_once_with_its_arrival_time_and_reference(
    visitor, kept, answers, treatment, settings, django_capture_on_commit_callbacks
):
    post_while_down(visitor, kept, answers)
    [path] = spool_files(settings)
    held = held_requests.read(path)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("store_held_requests", stdout=io.StringIO())
    call_command("store_held_requests", stdout=io.StringIO())

    submission = BookingSubmission.objects.get()
    assert submission.reference == held.reference
    assert submission.submit_time == held.received_at
    assert submission.consented_at == held.received_at
    assert submission.page_id == kept.pk
    assert submission.service_page_id == treatment.pk
    assert submission.form_data["email"] == "avery@example.com"
    assert not spool_files(settings)


def test_invalid_answers_come_back_with_their_errors_and_nothing_is_held(
    visitor, kept, answers, settings
):
    answers.update(email="not-an-email", consent="")
    response = post_while_down(visitor, kept, answers)
    html = response.content.decode()

    assert response.status_code == 200
    assert "There is a problem with your request" in html
    assert "Enter an email address in the right format" in html
    assert "Tick the box to agree" in html
    assert 'value="Avery Example"' in html and 'value="not-an-email"' in html
    assert "Mornings are best.</textarea>" in html
    assert not spool_files(settings)


@pytest.mark.parametrize("token", ["", "x" * 64])
def test_a_failed_security_check_holds_nothing_and_gives_the_answers_back(
    visitor, kept, answers, settings, token
):
    answers["csrfmiddlewaretoken"] = token
    response = post_while_down(visitor, kept, answers)
    html = response.content.decode()

    assert response.status_code == 403
    assert "Your request has not been sent yet" in html
    assert 'value="Avery Example"' in html
    assert 'href="tel:5550100140"' in html
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert fresh
    assert not spool_files(settings)


def test_without_the_security_cookie_nothing_is_held(kept, answers, settings):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = post_while_down(browser, kept, answers)
    assert response.status_code == 403
    assert "csrftoken" in response.cookies  # a fresh cookie for the token in the page
    assert not spool_files(settings)


def test_the_honeypot_is_thanked_and_nothing_is_held(visitor, kept, answers, settings):
    answers["website"] = "http://spam.example"
    response = post_while_down(visitor, kept, answers)
    assert response.status_code == 200
    assert "Thank you: your request has been sent" in response.content.decode()
    assert not spool_files(settings)


def test_the_rate_limit_holds_while_the_database_is_down(visitor, kept, answers, settings):
    settings.BOOKING_RATE_LIMIT = 1
    assert post_while_down(visitor, kept, answers).status_code == 200
    response = post_while_down(visitor, kept, answers)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert 'value="Avery Example"' in response.content.decode()
    assert len(spool_files(settings)) == 1


def test_the_copy_on_disk_is_enough_when_the_site_lookup_fails_too(
    visitor, kept, answers, settings
):
    cache.clear()  # no shared site, no copy in the shared cache: the file on this server has it
    response = post_while_down(visitor, kept, answers)
    assert response.status_code == 200
    assert len(spool_files(settings)) == 1


def test_without_a_copy_of_the_form_the_post_gets_the_503_page(visitor, kept, answers, settings):
    cache.clear()
    outage_copies.copy_path(form_copy.COPY_NAME).unlink()
    response = post_while_down(visitor, kept, answers)
    html = response.content.decode()
    assert response.status_code == 503
    assert "This page is back in a moment" in html
    assert 'href="tel:5550100140"' in html
    assert not spool_files(settings)


def test_the_booking_page_itself_is_the_503_page_and_its_thank_you_page_needs_no_database(
    visitor, kept
):
    with database_down():
        form = visitor.get(kept.url)
        thanks = visitor.get(kept.url + "thank-you/")
    assert form.status_code == 503
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "Thank you: your request has been sent" in html
    assert "Your reference is" not in html  # kept in the session, which cannot be read now


def test_a_request_stored_before_the_database_went_is_not_held_again(
    visitor, kept, answers, settings, monkeypatch
):
    from django.db import OperationalError

    def session_lost(request, submission):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("booking.sent_reference.remember", session_lost)
    visitor.cookies.pop("sessionid")
    response = visitor.post(kept.url, answers)

    submission = BookingSubmission.objects.get()
    assert response.status_code == 200
    assert f"<strong>{submission.reference}</strong>" in response.content.decode()
    assert not spool_files(settings)


def test_a_failed_security_check_elsewhere_meets_the_503_page_not_a_500(kept):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    with database_down():
        response = browser.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 503


# Keeping the copy ------------------------------------------------------------------------------


def test_the_first_view_of_the_booking_page_keeps_the_copy(client, booking_page, treatment):
    client.get(booking_page.url)
    page = form_copy.copied_page(booking_page.url)
    assert page.pk == booking_page.pk
    assert [title for _, title in page.services] == ["Ketamine infusion"]
    assert "how_did_you_hear_about_the_clinic" in [q["clean_name"] for q in page.questions]


def test_publishing_and_unpublishing_a_treatment_keeps_the_copy_current(
    booking_page, treatment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        treatment.save_revision().publish()
    assert form_copy.copied_page(booking_page.url).services == [[treatment.pk, treatment.title]]
    with django_capture_on_commit_callbacks(execute=True):
        treatment.unpublish()
    assert form_copy.copied_page(booking_page.url).services == []


def test_publishing_a_new_question_keeps_it_in_the_copy(
    booking_page, django_capture_on_commit_callbacks
):
    booking_page.form_fields.create(label="Your pronouns", field_type="singleline")
    with django_capture_on_commit_callbacks(execute=True):
        booking_page.save_revision().publish()
    questions = form_copy.copied_page(booking_page.url).questions
    assert "Your pronouns" in [question["label"] for question in questions]
    form_class = form_copy.copied_form_class(form_copy.copied_page(booking_page.url))
    live = type(booking_page).objects.get(pk=booking_page.pk)
    assert list(form_class.base_fields) == list(live.get_form_class().base_fields)


# The database going while the booking view runs: its answer stands, nothing counted twice.


@pytest.fixture
def page_render_fails(monkeypatch):
    """The database goes after the view has done its checks: rendering the page fails."""
    from django.db import OperationalError

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("booking.models.BookingFormPage.get_context", lost)


def test_invalid_answers_the_view_saw_come_back_counted_once(
    visitor, kept, answers, settings, page_render_fails
):
    from booking import ratelimit
    from clinic.serving.resilient_cache import current_count

    visitor.cookies.pop("sessionid")
    answers["email"] = "not-an-email"
    response = visitor.post(kept.url, answers)

    assert response.status_code == 200
    assert "Enter an email address in the right format" in response.content.decode()
    assert current_count(ratelimit.cache_key("127.0.0.1", "posts")) == 1
    assert not spool_files(settings)


def test_a_post_the_view_refused_for_the_limit_is_not_held_by_the_outage_handler(
    visitor, kept, answers, settings, page_render_fails
):
    settings.BOOKING_POST_LIMIT = 0  # the view refuses every post
    visitor.cookies.pop("sessionid")
    response = visitor.post(kept.url, answers)

    assert response.status_code == 429
    assert not spool_files(settings)
    assert not BookingSubmission.objects.exists()
