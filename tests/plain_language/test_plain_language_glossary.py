"""Clinical reviewers keep the plain-language glossary; clinicians read it; booking managers
never see it. Administrators set the reading-grade targets, never a limit below its target."""

import contextlib
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import NoReverseMatch, reverse

from clinic.plain_language.page_scores import GlossaryTerm, PlainLanguageSettings

pytestmark = pytest.mark.django_db

PLAIN = "slowly adjusting the dose"
NOTE = "Keep the word itself when you describe the dosing schedule."


def glossary_url(view, term=None):
    return reverse(f"wagtailsnippets_clinic_glossaryterm:{view}", args=[term.pk] if term else [])


def messages_of(response):
    return [" ".join(str(message).split()) for message in get_messages(response.wsgi_request)]


def refused(response):
    """Wagtail answers a forbidden admin view with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


@pytest.fixture
def term(db):
    return GlossaryTerm.objects.create(term="titration", plain=PLAIN, note=NOTE)


def test_a_reviewer_adds_a_glossary_term(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        glossary_url("add"),
        {"term": "dissociation", "plain": "feeling detached from yourself", "note": ""},
    )
    assert response.status_code == 302
    added = GlossaryTerm.objects.get()
    assert (added.term, added.plain) == ("dissociation", "feeling detached from yourself")


def test_a_reviewer_edits_a_glossary_term(client, reviewer, term):
    client.force_login(reviewer)
    assert client.get(glossary_url("edit", term)).status_code == 200
    response = client.post(
        glossary_url("edit", term),
        {"term": "titration", "plain": "changing the dose step by step", "note": NOTE},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.plain == "changing the dose step by step"


def test_a_reviewer_deletes_a_glossary_term(client, reviewer, term):
    client.force_login(reviewer)
    assert client.get(glossary_url("delete", term)).status_code == 200
    assert client.post(glossary_url("delete", term)).status_code == 302
    assert not GlossaryTerm.objects.exists()


def test_a_clinician_lists_the_glossary_with_the_plain_words(client, clinician, term):
    client.force_login(clinician)
    response = client.get(glossary_url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "titration" in html
    assert PLAIN in html


def test_a_clinician_can_read_the_note_of_a_glossary_term(client, clinician, term):
    """The note says when the term itself is needed: advice for the people who write pages.
    A clinician may not edit a term, so it must show in the listing or an inspect view."""
    client.force_login(clinician)
    readable = [glossary_url("list")]
    with contextlib.suppress(NoReverseMatch):  # when there is an inspect view
        readable.append(glossary_url("inspect", term))
    responses = [client.get(url) for url in readable]
    assert any(
        response.status_code == 200 and NOTE in response.content.decode() for response in responses
    ), "A clinician finds the term and its plain words, but nowhere its note."


def test_a_clinician_cannot_add_a_glossary_term(client, clinician):
    client.force_login(clinician)
    assert refused(client.get(glossary_url("add")))
    response = client.post(glossary_url("add"), {"term": "dissociation", "plain": "x", "note": ""})
    assert refused(response)
    assert not GlossaryTerm.objects.exists()


def test_a_clinician_cannot_edit_a_glossary_term(client, clinician, term):
    client.force_login(clinician)
    assert refused(client.get(glossary_url("edit", term)))
    response = client.post(
        glossary_url("edit", term), {"term": "titration", "plain": "changed", "note": ""}
    )
    assert refused(response)
    term.refresh_from_db()
    assert term.plain == PLAIN


def test_a_clinician_cannot_delete_a_glossary_term(client, clinician, term):
    client.force_login(clinician)
    assert refused(client.get(glossary_url("delete", term)))
    assert refused(client.post(glossary_url("delete", term)))
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


@pytest.mark.parametrize("view", ["list", "add", "edit", "delete"])
def test_a_booking_manager_cannot_see_the_glossary(client, booking_manager, term, view):
    client.force_login(booking_manager)
    response = client.get(glossary_url(view, term if view in {"edit", "delete"} else None))
    assert refused(response)
    assert "titration" not in response.content.decode()


def test_a_booking_manager_cannot_change_the_glossary(client, booking_manager, term):
    client.force_login(booking_manager)
    client.post(glossary_url("add"), {"term": "dissociation", "plain": "x", "note": ""})
    client.post(glossary_url("edit", term), {"term": "titration", "plain": "changed", "note": ""})
    client.post(glossary_url("delete", term))
    assert list(GlossaryTerm.objects.values_list("term", "plain")) == [("titration", PLAIN)]


def add_duplicate(client, term):
    return client.post(glossary_url("add"), {"term": term, "plain": "another way", "note": ""})


def assert_refused_as_already_there(response):
    (message,) = messages_of(response)
    assert message.startswith("The glossary term could not be created due to errors.")
    assert "The glossary already has this term." in message


def test_a_term_already_in_the_glossary_is_refused_with_a_message(client, reviewer, term):
    client.force_login(reviewer)
    response = add_duplicate(client, "titration")
    assert response.status_code == 200
    assert_refused_as_already_there(response)
    assert list(GlossaryTerm.objects.values_list("term", "plain")) == [("titration", PLAIN)]


def test_a_term_that_differs_only_in_capitals_is_refused_as_a_duplicate(client, reviewer, term):
    """Pages are searched for a term whatever its capitals (clinic/plain_language/readability.py),
    so "Titration" is the same term: a second entry would flag its uses twice."""
    client.force_login(reviewer)
    response = add_duplicate(client, "Titration")
    assert response.status_code == 200
    assert_refused_as_already_there(response)
    assert list(GlossaryTerm.objects.values_list("term", flat=True)) == ["titration"]


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["clinic", "plainlanguagesettings", site.pk])


GRADES = {"page_target": "8", "page_limit": "10", "article_target": "10", "article_limit": "12"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"page_target": "9", "page_limit": "8"}, "page_limit"),
        ({"article_target": "11", "article_limit": "10.5"}, "article_limit"),
    ],
)
def test_the_settings_refuse_an_upper_limit_below_its_target(
    client, superuser, site, changes, field
):
    client.force_login(superuser)
    response = client.post(settings_url(site), {**GRADES, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        field: ["The upper limit cannot be below the target."]
    }
    saved = PlainLanguageSettings.for_site(site)
    assert (saved.page_target, saved.page_limit) == (8, 10)
    assert (saved.article_target, saved.article_limit) == (10, 12)


def test_the_settings_accept_an_upper_limit_equal_to_its_target(client, superuser, site):
    client.force_login(superuser)
    response = client.post(
        settings_url(site), {**GRADES, "page_target": "7.5", "page_limit": "7.5"}
    )
    assert response.status_code == 302
    saved = PlainLanguageSettings.objects.get(site=site)
    assert saved.page_target == saved.page_limit == Decimal("7.5")
