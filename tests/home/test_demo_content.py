import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings
from clinic.serving.site_url import configure_default_site


def object_counts():
    models = [Page, Revision, Person, ClinicSettings, get_user_model()]
    counts = {model.__name__: model.objects.count() for model in models}
    counts.update(
        {m._meta.label: m.objects.count() for m in apps.get_app_config("home").get_models()}
    )
    return counts


@pytest.mark.django_db
def test_demo_loader_is_idempotent(settings, site):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo_content")
    first = object_counts()
    call_command("load_demo_content")
    assert object_counts() == first
    assert first["Person"] >= 4


@pytest.mark.django_db
def test_demo_loader_sets_up_crisis_help_reached_from_every_page(client, site):
    call_command("load_demo_content")
    clinic = ClinicSettings.for_site(site)
    assert clinic.crisis_page.live
    html = client.get("/about/").content.decode()
    assert f'href="{clinic.crisis_page.url}"' in html
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html
    assert 'href="tel:911"' in html


@pytest.mark.django_db
def test_demo_accounts_only_when_the_settings_allow_them(settings, site):
    settings.DEMO_ACCOUNTS = False
    call_command("load_demo_content")
    assert not get_user_model().objects.exists()

    settings.DEMO_ACCOUNTS = True
    call_command("load_demo_content")
    roles = {
        user.username: list(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.all()
    }
    assert roles == {
        "admin": [],
        "clinician": ["Clinicians"],
        "reviewer": ["Clinical reviewers"],
        "revisora": ["Clinical reviewers"],
        "manager": ["Booking managers"],
    }
    assert get_user_model().objects.get(username="admin").is_superuser
    # Each reviewer signs off as their person; the Spanish pages need one who reads Spanish.
    assert Person.objects.get(user__username="reviewer").name == "Dr. Amara Okafor"
    spanish = Person.objects.get(user__username="revisora")
    assert (spanish.name, spanish.languages) == ("Dr. Sofía Marín", "English, Spanish")


@pytest.mark.django_db
def test_demo_loader_keeps_the_site_address_set_from_site_url(settings, site):
    settings.SITE_URL = "https://clinic.example"
    configure_default_site()
    call_command("load_demo_content")
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("clinic.example", 443)
    assert site.root_url == "https://clinic.example"
