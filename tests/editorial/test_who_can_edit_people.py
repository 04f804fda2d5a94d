"""Profiles are health information about who stands behind the pages: Clinical reviewers and
administrators edit people (clinic/migrations/0005); clinicians only read them, to choose an
article's authors."""

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return PersonFactory(name="Dr. Amara Okafor", bio="Leads the medical team.")


def edit_url(person):
    return f"/admin/snippets/clinic/person/edit/{person.pk}/"


def test_clinicians_can_see_people_but_not_edit_them(client, clinician, person):
    assert clinician.has_perm("clinic.view_person")
    assert not clinician.has_perm("clinic.change_person")
    assert not clinician.has_perm("clinic.add_person")
    client.force_login(clinician)
    assert client.get(edit_url(person)).status_code in (302, 403)
    client.post(edit_url(person), {"name": "Someone else", "bio": "Changed by a clinician."})
    person.refresh_from_db()
    assert person.name == "Dr. Amara Okafor"
    assert person.bio == "Leads the medical team."


def test_clinical_reviewers_edit_a_profile(client, reviewer, person):
    assert reviewer.has_perm("clinic.change_person")
    client.force_login(reviewer)
    response = client.get(edit_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="licence_verified"' in html
    # Only administrators link a person to the sign-in account that signs off as them.
    assert 'name="user"' not in html
    response = client.post(
        edit_url(person),
        {
            "name": "Dr. Amara Okafor",
            "slug": person.slug,
            "credentials": "MD",
            "bio": "Leads the medical team and reviews every treatment page.",
            "languages": "English, French",
            "licence_type": "Physician (MD)",
            "licence_state": "NH",
            "licence_verified": "2026-09-01",
            "accepting_new_patients": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.bio == "Leads the medical team and reviews every treatment page."
    assert person.language_list == ["English", "French"]
    assert person.accepting_new_patients is True
    assert str(person.licence_verified) == "2026-09-01"


def test_booking_managers_cannot_edit_people(client, booking_manager, person):
    assert not booking_manager.has_perm("clinic.change_person")
    client.force_login(booking_manager)
    assert client.get(edit_url(person)).status_code in (302, 403)
