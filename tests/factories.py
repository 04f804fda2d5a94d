"""Factories for test data; every test builds what it needs from these."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.log_actions import log
from wagtail.models import Locale

from clinic.editorial.people import Person
from clinic.editorial.reviewed_content import SIGN_OFF_ACTION, content_fingerprint
from clinic.practice.details import ClinicSettings
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


class SignedOffPageFactory(wagtail_factories.PageFactory):
    """A health page made as a reviewer signed it off: with review dates and a reviewer, its
    content's fingerprint is recorded as reviewed (clinic/editorial/reviewed_content.py)."""

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        instance = model_class(**kwargs)
        if instance.last_reviewed and instance.reviewer_id and not instance.reviewed_fingerprint:
            instance.reviewed_fingerprint = content_fingerprint(instance)
        if parent:
            parent.add_child(instance=instance)
        else:
            model_class.add_root(instance=instance)
        return instance


def signed_off_and_published(page):
    """A live health page changed by a test goes live as the workflow would put it: a sign-off
    of this content is recorded in its history, then it is published. (Tests of the sign-off
    itself go through the workflow: tests/editorial/test_clinical_review_flow.py.)"""
    page.reviewed_fingerprint = content_fingerprint(page)
    revision = page.save_revision()
    data = {"reviewer": str(page.reviewer), "fingerprint": page.reviewed_fingerprint}
    log(instance=page, action=SIGN_OFF_ACTION, revision=revision, data=data)
    revision.publish()
    page.refresh_from_db()
    return page


def live_spanish_translation(page, reviewer=None, **changes):
    """The page's Spanish translation as "Translate this page" makes it (parents without a
    translation become Spanish aliases of theirs), written in Spanish (`changes`) and, for a
    health page, signed off by a reviewer who reads Spanish, then published."""
    spanish = Locale.objects.get(language_code="es")
    translation = page.copy_for_translation(spanish, copy_parents=True).specific
    for field, value in changes.items():
        setattr(translation, field, value)
    if not hasattr(translation, "reviewed_fields"):
        translation.save_revision().publish()
        return translation.specific_class.objects.get(pk=translation.pk)
    translation.last_reviewed = datetime.date(2026, 11, 30)
    translation.next_review_due = datetime.date(2027, 11, 30)
    translation.reviewer = reviewer or PersonFactory(languages="English, Spanish")
    return signed_off_and_published(translation)


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


def demo_like_clinic(site):
    """The clinic's phone, weekday hours and crisis lines as the demo content has them
    (content/settings.yaml): 911 to call, 988 to call, text or chat."""
    clinic = ClinicSettings.for_site(site)
    clinic.phone = "(555) 010-0140"
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    clinic.opening_hours = [
        (
            "hours",
            {
                "label": "Monday to Friday",
                "days": weekdays,
                "opens": datetime.time(8, 30),
                "closes": datetime.time(18, 0),
            },
        )
    ]
    clinic.crisis_lines = [
        crisis_line(
            name="Emergency services",
            description="If you or someone else is in immediate danger, call 911.",
            phone="911",
        ),
        crisis_line(
            name="988 Suicide & Crisis Lifeline",
            description="Call or text 988, or chat online. Free and confidential, 24 hours a day.",
            phone="988",
            sms="988",
            url="https://988lifeline.org/",
            emergency=False,
        ),
    ]
    clinic.save()
    return clinic
