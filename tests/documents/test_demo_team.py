"""The demo site has a team page after About, linked from the clinic settings, and a profile
for each of its fictional people."""

import datetime
import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings
from home.models import TeamPage

pytestmark = pytest.mark.django_db


def test_the_demo_team_page_follows_about_in_the_menu_and_the_settings_name_it(client, site):
    call_command("load_demo_content")
    team = TeamPage.objects.get()
    assert team.live and team.show_in_menus
    assert team.title == "Our team"
    assert ClinicSettings.for_site(site).team_page_id == team.pk
    menu = [page.slug for page in Page.objects.child_of(site.root_page).in_menu().live()]
    assert menu[menu.index("about") + 1] == "team"
    assert client.get("/team/").status_code == 200


def test_every_demo_person_has_a_profile_without_a_real_looking_licence_number(client, site):
    call_command("load_demo_content")
    people = list(Person.objects.all())
    assert len(people) >= 4
    for person in people:
        assert person.care_role and person.language_list and person.licence_type, person
        assert person.licence_state == "NH"
        assert person.licence_number == ""  # the people are fictional
        assert person.licence_lookup_url == "https://forms.nh.gov/licenseverification/"
        assert client.get(f"/team/{person.slug}/").status_code == 200
    okafor = Person.objects.get(name="Dr. Amara Okafor")
    assert okafor.accepting_new_patients is True
    assert okafor.education_list[0] == "Doctor of Medicine (MD)"
    assert Person.objects.get(name="Dr. Lena Whitfield").accepting_new_patients is None


def test_people_from_before_profiles_get_one_and_an_editors_profile_stays(site):
    Person.objects.create(name="Dr. Amara Okafor", credentials="MD")
    Person.objects.create(name="Jonah Reyes", care_role="therapist, as the editor wrote it")
    call_command("load_demo_content")
    okafor = Person.objects.get(name="Dr. Amara Okafor")
    assert okafor.care_role == "prescribing psychiatrist"
    assert okafor.licence_verified == datetime.date(2026, 9, 1)
    assert okafor.credentials == "MD"  # only the profile fields are filled in
    reyes = Person.objects.get(name="Jonah Reyes")
    assert reyes.care_role == "therapist, as the editor wrote it"
    assert reyes.languages == ""


def test_the_team_document_may_not_have_a_body(settings, site, tmp_path):
    from django.conf import settings as django_settings

    content = tmp_path / "content"
    shutil.copytree(django_settings.BASE_DIR / "content", content)
    team = content / "team.md"
    team.write_text(team.read_text() + "\nSome words that would be lost.\n")
    settings.DEMO_CONTENT_DIR = content
    with pytest.raises(CommandError, match="team.md, line 1: the team page has an intro only"):
        call_command("load_demo_content")
