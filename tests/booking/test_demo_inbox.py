"""The demo site's inbox: fictional requests for the demo accounts, development only."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from booking.models import BookingNote, BookingSubmission
from booking.queue import Status

pytestmark = pytest.mark.django_db

CONTENT = Path(django_settings.BASE_DIR) / "content"


def test_a_development_demo_has_requests_in_every_state(site, settings):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo_content")
    requests = BookingSubmission.objects.all()
    assert requests.count() == 5
    assert {request.status for request in requests} == {Status.NEW, Status.CONTACTED, Status.BOOKED}
    assert requests.overdue().exists()  # so the overdue views have something to show
    assert requests.filter(owner__username="manager").count() == 2
    assert BookingNote.objects.filter(author__username="manager").count() == 2
    # The treatment is the live page, and the stored answer is its title.
    infusion = requests.search("Jordan Ellis").get()
    assert infusion.service_page.slug == "ketamine-infusion-therapy"
    assert infusion.form_data["service"] == infusion.service_page.title

    call_command("load_demo_content")  # again: the managers' work is kept, nothing doubles
    assert BookingSubmission.objects.count() == 5


def test_without_demo_accounts_no_request_is_made_up(site, settings):
    settings.DEMO_ACCOUNTS = False
    call_command("load_demo_content")
    assert not BookingSubmission.objects.exists()


def test_a_question_the_form_does_not_ask_is_refused(site, settings, tmp_path):
    settings.DEMO_ACCOUNTS = True
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    settings.DEMO_CONTENT_DIR = copy
    requests = copy / "booking-requests.yaml"
    requests.write_text(requests.read_text().replace("How did you hear", "Where did you hear", 1))
    with pytest.raises(CommandError, match="booking-requests.yaml.*Where did you hear"):
        call_command("load_demo_content")
    assert not BookingSubmission.objects.exists()
