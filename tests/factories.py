"""Factories for test data; every test builds what it needs from these."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from clinic.models import Person
from home.models import StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def groups(self, create, group_names, **kwargs):
        """UserFactory(groups=["Clinicians"]) puts the user in groups made by migrations."""
        if create and group_names:
            self.groups.set(Group.objects.filter(name__in=group_names))


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Dr. Test Person {n}")
    credentials = "MD, psychiatrist"
    role = "Psychiatrist"


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Test image {n}")


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short introduction."


def crisis_line(**changes):
    """One crisis line of the clinic settings, as stream data: a test's own number."""
    line = {
        "name": "Test Crisis Line",
        "description": "",
        "phone": "555 0199",
        "sms": "",
        "url": "",
        "emergency": True,
    }
    return ("line", {**line, **changes})
