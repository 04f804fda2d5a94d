"""A treatment page says whether its use is approved or off-label, and asks its own question
above the closing booking button."""

import pytest

from clinic.editorial.disclaimer import MedicalDisclaimer
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import DEFAULT_BOOKING_PROMPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def disclaimer(db):
    return MedicalDisclaimer.objects.create(
        text="<p>General information.</p>",
        off_label_statement="<p>This medicine is not approved for this use.</p>",
    )


def test_an_off_label_page_shows_the_reviewers_statement_near_the_top(
    client, treatment_index, disclaimer
):
    page = TreatmentPageFactory(parent=treatment_index, use="off-label")
    html = client.get(page.url).content.decode()
    statement = html.index("This medicine is not approved for this use.")
    assert html.index("<h1") < statement < html.index("At a glance")


def test_an_approved_use_shows_no_off_label_statement(client, treatment_index, disclaimer):
    page = TreatmentPageFactory(parent=treatment_index, use="approved")
    assert "not approved for this use" not in client.get(page.url).content.decode()


def test_the_use_is_a_required_choice(treatment_index):
    page = TreatmentPageFactory.build(use="")
    with pytest.raises(Exception) as error:
        page.full_clean()
    assert "use" in error.value.message_dict


def test_the_booking_question_keeps_the_titles_case(client, treatment_index, home_page):
    page = TreatmentPageFactory(
        parent=treatment_index, title="Ketamine for PTSD", booking_page=home_page
    )
    html = client.get(page.url).content.decode()
    assert DEFAULT_BOOKING_PROMPT in html
    assert "ketamine for ptsd" not in html


def test_the_booking_question_is_the_editors_sentence(client, treatment_index, home_page):
    page = TreatmentPageFactory(
        parent=treatment_index,
        booking_page=home_page,
        booking_prompt="Thinking about esketamine? Talk to us first.",
    )
    assert "Thinking about esketamine? Talk to us first." in client.get(page.url).content.decode()
