"""The clinic's people: the clinicians who write and review health pages, with their profiles.

A profile is public at /team/<slug>/ (home.TeamPage): what a visitor weighing a health page
needs to know about who stands behind it. A licence has a date it was last checked against the
state's public register; profiles not checked for a year are in the review report. Someone who
leaves is retired: no longer listed, their address says so, and past sign-offs keep their name.
"""

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language_info
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

LICENCE_CHECK_DAYS = 365


class Person(index.Indexed, models.Model):
    """A clinician: author of articles, reviewer of health pages."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="The profile's address, /team/<slug>/. Made from the name when left blank; "
        "keep it once published, so links to the profile keep working.",
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text="e.g. MD, board-certified psychiatrist"
    )
    role = models.CharField(
        "job title", max_length=120, blank=True, help_text="e.g. Medical director"
    )
    care_role = models.CharField(
        "role in care",
        max_length=120,
        blank=True,
        help_text="What they do for patients, e.g. prescribing psychiatrist, infusion nurse, "
        "KAP therapist.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="For people who cannot see the photo, e.g. 'Dr. Okafor smiling, in a blue "
        "jacket'. Leave blank if the photo adds nothing to the name beside it.",
    )
    bio = models.TextField(
        max_length=1200, blank=True, help_text="A few plain sentences about their work."
    )
    specialties = models.CharField(
        max_length=300, blank=True, help_text="Separated by commas, e.g. mood disorders, PTSD."
    )
    languages = models.CharField(
        "languages spoken", max_length=200, blank=True, help_text="Separated by commas."
    )
    education = models.TextField(blank=True, help_text="One qualification per line.")
    board_certification = models.CharField(max_length=200, blank=True)
    licence_type = models.CharField(
        max_length=120, blank=True, help_text="e.g. Physician (MD), Licensed clinical psychologist"
    )
    licence_state = models.CharField(max_length=40, blank=True, help_text="e.g. NH")
    licence_number = models.CharField(max_length=60, blank=True)
    licence_lookup_url = models.URLField(
        "licence look-up",
        blank=True,
        help_text="The state board's public look-up page where anyone can check the licence.",
    )
    licence_verified = models.DateField(
        "licence last verified",
        null=True,
        blank=True,
        help_text="When someone last checked the licence on the state's register.",
    )
    accepting_new_patients = models.BooleanField(null=True, blank=True)
    retired = models.BooleanField(
        default=False,
        help_text="Has left the clinic: no longer listed; past sign-offs keep their name.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="sign-in account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The staff account whose approvals sign off health pages as this person.",
    )
    # The profile's <lastmod> in sitemap.xml (home/team.py): any change to the person.
    updated_at = models.DateTimeField("last changed", auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("care_role")]),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("specialties"),
                FieldPanel("languages"),
                FieldPanel("education"),
                FieldPanel("board_certification"),
                FieldPanel("accepting_new_patients"),
            ],
            heading="Profile",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("licence_type"), FieldPanel("licence_state")]),
                FieldRowPanel([FieldPanel("licence_number"), FieldPanel("licence_verified")]),
                FieldPanel("licence_lookup_url"),
            ],
            heading="Licence",
        ),
        FieldPanel("slug"),
        FieldPanel("retired"),
        # Only administrators (no group holds this permission) say who signs as whom.
        FieldPanel("user", permission="clinic.link_person_account"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        permissions = [("link_person_account", "Can link a person to a sign-in account")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self)
        super().save(*args, **kwargs)

    @property
    def specialty_list(self):
        return split_list(self.specialties)

    @property
    def language_list(self):
        return split_list(self.languages)

    def reads(self, language_code):
        """Whether their languages name this one ("Spanish", "Español" or "es" for es)."""
        names = language_names(language_code)
        return any(folded(language) in names for language in self.language_list)

    @property
    def education_list(self):
        return [line.strip() for line in self.education.splitlines() if line.strip()]

    @property
    def initials(self):
        """For the placeholder beside a name when there is no photo (decorative)."""
        words = [word for word in self.name.replace(".", " ").split() if word.lower() != "dr"]
        return "".join(word[0] for word in words[:1] + words[1:][-1:]).upper()

    def profile_url(self, clinic_settings):
        """The public profile's address, /team/<slug>/; "" (no link) when the clinic has no
        live team page or the person has left. Every link to a person goes through here."""
        if self.retired or not self.slug or clinic_settings is None:
            return ""
        team_url = clinic_settings.team_url
        return f"{team_url}{self.slug}/" if team_url else ""

    def profile_full_url(self, request, clinic_settings):
        """The profile's absolute address, as its page gives it for the canonical URL."""
        if not self.profile_url(clinic_settings):
            return ""
        return f"{clinic_settings.team_page.get_full_url(request)}{self.slug}/"

    def schema(self, request=None, clinic_settings=None):
        """schema.org Person for an article's author or a page's reviewer: the same @id as
        the profile page's mainEntity, so search engines join them up."""
        if clinic_settings is None:
            clinic_settings = site_clinic_settings(request)
        data = {"@type": "Person", "name": self.name}
        if self.credentials:
            data["description"] = self.credentials
        if self.role:
            data["jobTitle"] = self.role
        url = self.profile_full_url(request, clinic_settings)
        if url:
            data["@id"] = f"{url}#person"
            data["url"] = url
        return data

    def credentials_schema(self):
        """The licence and the board certification, as the profile shows them."""
        credentials = []
        if self.licence_type:
            licence = {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "license",
                "name": ", ".join(filter(None, [self.licence_type, self.licence_state])),
            }
            if self.licence_number:
                licence["identifier"] = self.licence_number
            if self.licence_lookup_url:
                licence["url"] = self.licence_lookup_url
            credentials.append(licence)
        if self.board_certification:
            credentials.append(
                {
                    "@type": "EducationalOccupationalCredential",
                    "credentialCategory": "certification",
                    "name": self.board_certification,
                }
            )
        return credentials

    def licence_check_due(self, today=None):
        """Whether the licence was never verified, or last verified over a year ago."""
        if not (self.licence_number or self.licence_type):
            return False
        today = today or datetime.date.today()
        return self.licence_verified is None or (
            (today - self.licence_verified).days > LICENCE_CHECK_DAYS
        )


def site_clinic_settings(request):
    """The clinic's settings for the request's site (shared per request), else the default's."""
    from clinic.practice.details import ClinicSettings

    return ClinicSettings.for_request(request) if request else ClinicSettings.load()


def folded(text):
    """Lower case without accents: "Español" and "espanol" are the same word here."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def language_info(language_code):
    """Django's entry for the language of `language_code` ("es-mx": Spanish), or just its code."""
    base = language_code.split("-")[0].lower()
    try:
        return get_language_info(base)
    except KeyError:
        return {"code": base, "name": base, "name_local": base}


def language_names(language_code):
    """The folded names a person may give the language of `language_code`: its English name,
    its own name and its code."""
    info = language_info(language_code)
    return {info["code"], folded(info["name"]), folded(info["name_local"])}


def split_list(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def unique_slug(person):
    base = slugify(person.name.replace(".", " "))[:110] or "person"
    slug, number = base, 2
    while Person.objects.filter(slug=slug).exclude(pk=person.pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
