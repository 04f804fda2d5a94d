"""Demo content for the home app: clinic settings, people, the home page and the plain pages.

The words are in content/ (settings.yaml, people.yaml, glossary.yaml, language-taglines.yaml,
index.md, crisis-help.md and one document per plain page); this module says where each goes.
content/es/settings.yaml, when present, gives the settings' Spanish versions under the same keys.
Everything describes a fictional clinic and fictional people.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Site

from clinic.documents import DocumentError, html
from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.editorial.people import Person
from clinic.plain_language.page_scores import GlossaryTerm
from clinic.practice.details import ClinicSettings
from clinic.practice.language_assistance import LanguageTagline
from clinic.security.groups import BOOKING_MANAGERS, CLINICAL_REVIEWERS, CLINICIANS

from .models import CrisisHelpPage, HomePage, StandardPage, TeamPage

DEMO_PASSWORD = "northbridge-demo"  # noqa: S105 (development demo accounts only)
DEMO_ACCOUNTS = [
    # username, full name, group (None: superuser)
    ("admin", "Site Administrator", None),
    ("clinician", "Casey Clinician", CLINICIANS),
    ("reviewer", "Amara Okafor", CLINICAL_REVIEWERS),
    # A reviewer who reads Spanish: only such a reviewer signs off a page in Spanish.
    ("revisora", "Sofía Marín", CLINICAL_REVIEWERS),
    ("manager", "Morgan Manager", BOOKING_MANAGERS),
]

# The plain pages, in the order the menu shows them (after the treatments and articles).
STANDARD_PAGES = ["about", "contact", "privacy", "fees", "editorial-policy", "accessibility"]
STANDARD_PAGES += ["language-assistance"]
# The plain pages the clinic settings link to (footer, booking page, fees blocks).
SETTINGS_PAGES = {
    "fees_page": "fees",
    "editorial_policy_page": "editorial-policy",
    "accessibility_page": "accessibility",
    "language_assistance_page": "language-assistance",
}
PAGE_FIELDS = {"title", "menu", "intro"}
# The team page (content/team.md, a home.TeamPage) comes right after this plain page.
TEAM_PAGE_AFTER = "about"
# A person's public profile (/team/<slug>/), filled in on a demo site made before profiles.
PROFILE_FIELDS = {
    "care_role",
    "specialties",
    "languages",
    "education",
    "board_certification",
    "licence_type",
    "licence_state",
    "licence_number",
    "licence_lookup_url",
    "licence_verified",
    "accepting_new_patients",
}
PERSON_FIELDS = {"name", "credentials", "role", "bio", "account", *PROFILE_FIELDS}
GLOSSARY_FIELDS = {"term", "plain", "note"}
TAGLINE_FIELDS = {"code", "name", "text", "direction"}
SETTINGS_FIELDS = {
    "name",
    "tagline",
    "phone",
    "email",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "country",
    "opening_hours",
    "crisis_lines",
    "disclaimer",
    "reply_working_days",
    "closed_days",
    "share_image",
}
SPANISH_SETTINGS = "es/settings.yaml"
# Not copied as they are: lists become StreamField data; the disclaimer is a snippet; the share
# image is a picture of pictures.yaml.
STRUCTURED_SETTINGS = {"opening_hours", "crisis_lines", "closed_days", "disclaimer", "share_image"}


def load(content):
    """The clinic's settings, people, home and crisis pages. Creates only what is missing."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.first()
    doc = content.document("index")
    doc.check_keys({"title", "picture"})
    if not home.intro:
        home.hero_image = content.picture(doc, doc.picture("picture"))
        home.intro = "".join(str(value) for _, value in content.body(doc))
        home.seo_title = doc.meta.get("seo_title") or ""
        home.save_revision().publish()
    # The site's address is SITE_URL's (clinic/serving/site_url.py, set by `migrate`): the demo
    # never touches it, so loading the demo on a configured server keeps its links right.
    site.root_page = home
    site.site_name = "Northbridge Mind Clinic"
    site.save(update_fields=["root_page", "site_name"])

    people = content.records("people.yaml", PERSON_FIELDS, required={"name"})
    for data in people:
        fields = {key: value for key, value in data.items() if key != "account"}
        person, created = Person.objects.get_or_create(name=data["name"], defaults=fields)
        if not created:
            fill_profile(person, fields)
    for data in content.records("glossary.yaml", GLOSSARY_FIELDS, required={"term", "plain"}):
        GlossaryTerm.objects.get_or_create(term=data["term"], defaults=data)
    load_taglines(content)
    content.fees  # noqa: B018 (made now, in the file's order, before any page shows them)

    doc = content.document("crisis-help")
    doc.check_keys({"title", "intro"})
    crisis_page = content.page(home, CrisisHelpPage, doc, intro=doc.html("intro"))

    clinic = ClinicSettings.for_site(site)
    data = content.records("settings.yaml", SETTINGS_FIELDS, required=SETTINGS_FIELDS)
    if not clinic.crisis_lines:
        fill_clinic_settings(clinic, data, crisis_page)
    if not clinic.closed_days:
        # Also on a demo site made before the clinic had closed days.
        clinic.closed_days = closed_days(data["closed_days"])
        clinic.save()
    if clinic.share_image_id is None:
        # Also on a demo site made before it had a default share image.
        clinic.share_image = content.named_picture(
            data["share_image"],
            f"{content.root.name}/settings.yaml",
            line_of(content, "share_image"),
        )
        clinic.save()
    if not MedicalDisclaimer.objects.exists():
        disclaimer = data["disclaimer"]
        MedicalDisclaimer.objects.create(title=disclaimer["title"], text=html(disclaimer["text"]))
    load_spanish_settings(content, clinic, data)

    if getattr(settings, "DEMO_ACCOUNTS", False):
        create_demo_accounts()
        link_accounts(people)
    return home


def load_pages(content, home):
    """About, contact and privacy: loaded last, so the menu lists the treatments first."""
    for slug in STANDARD_PAGES:
        doc = content.document(slug)
        doc.check_keys(PAGE_FIELDS)
        content.page(
            home,
            StandardPage,
            doc,
            intro=doc.meta.get("intro", ""),
            show_in_menus=bool(doc.meta.get("menu")),
        )
        if slug == TEAM_PAGE_AFTER:
            load_team_page(content, home)
    link_settings_pages(home)


def load_taglines(content):
    """The language taglines, ordered as in the file; a language that has one already (an
    administrator may have reworded it) is left as it is."""
    taglines = content.records("language-taglines.yaml", TAGLINE_FIELDS, TAGLINE_FIELDS)
    for order, data in enumerate(taglines):
        tagline = LanguageTagline(**data, sort_order=order)
        if LanguageTagline.objects.filter(code=data["code"]).exists():
            continue
        try:
            tagline.full_clean()  # the snippet's own rules: a well-formed code and direction
        except ValidationError as error:
            where = f"{content.root.name}/language-taglines.yaml"
            raise DocumentError(where, 1, f"{data['code']}: {' '.join(error.messages)}") from None
        tagline.save()


def load_team_page(content, home):
    """Our team (content/team.md): the clinicians' profiles are at its address + their slug.
    The clinic settings point at it, unless an editor chose another page."""
    doc = content.document("team")
    doc.check_keys(PAGE_FIELDS)
    if doc.blocks:
        raise doc.error(1, "the team page has an intro only: its people are the snippets")
    page = content.page(
        home,
        TeamPage,
        doc,
        intro=doc.meta.get("intro", ""),
        show_in_menus=bool(doc.meta.get("menu")),
    )
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    if clinic.team_page_id is None:
        clinic.team_page = page
        clinic.save()


def line_of(content, field):
    """The line of settings.yaml where `field` is set, for the loader's messages."""
    lines = (content.root / "settings.yaml").read_text(encoding="utf-8").splitlines()
    return next((n for n, text in enumerate(lines, 1) if text.startswith(f"{field}:")), 1)


def fill_profile(person, fields):
    """A person made before profiles existed gets the document's profile, once: only while
    every profile field is still empty, so an editor's changes stay."""
    profile = {name: value for name, value in fields.items() if name in PROFILE_FIELDS}
    if profile and all(getattr(person, name) in ("", None) for name in PROFILE_FIELDS):
        for name, value in profile.items():
            setattr(person, name, value)
        person.save()


def link_settings_pages(home):
    """Point the clinic settings at the fees, editorial policy, accessibility and language
    assistance pages, unless an editor chose other pages."""
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    pages = StandardPage.objects.child_of(home).filter(slug__in=SETTINGS_PAGES.values())
    by_slug = {page.slug: page for page in pages}
    unset = [name for name in SETTINGS_PAGES if getattr(clinic, f"{name}_id") is None]
    for name in unset:
        setattr(clinic, name, by_slug.get(SETTINGS_PAGES[name]))
    if unset:
        clinic.save()


def fill_clinic_settings(clinic, data, crisis_page):
    for name in SETTINGS_FIELDS - STRUCTURED_SETTINGS:
        setattr(clinic, name, data[name])
    clinic.opening_hours = [
        ("hours", {**hours, "opens": time(hours["opens"]), "closes": time(hours["closes"])})
        for hours in data["opening_hours"]
    ]
    clinic.crisis_lines = [("line", line) for line in data["crisis_lines"]]
    clinic.crisis_page = crisis_page
    clinic.save()


def load_spanish_settings(content, clinic, english):
    """The Spanish words of the clinic settings from content/es/settings.yaml: the tagline,
    the opening hours' labels, the crisis lines' words and the disclaimer. Its lists follow
    `english` (settings.yaml) entry by entry, and the numbers come from there. Each is filled
    only while still empty, so an editor's changes stay."""
    if not (content.root / SPANISH_SETTINGS).exists():
        return
    data = content.records(SPANISH_SETTINGS, SETTINGS_FIELDS)
    lines = in_step(content, data, english, "crisis_lines")
    hours = in_step(content, data, english, "opening_hours")
    if data.get("tagline") and not clinic.tagline_es:
        clinic.tagline_es = data["tagline"]
    if lines and not clinic.crisis_lines_es:
        clinic.crisis_lines_es = [
            ("line", {**line, **words})
            for line, words in zip(english["crisis_lines"], lines, strict=True)
        ]
    if hours and len(hours) == len(clinic.opening_hours):
        clinic.opening_hours = [
            ("hours", {**block.value, "label_es": block.value.get("label_es") or words["label"]})
            for block, words in zip(clinic.opening_hours, hours, strict=True)
        ]
    clinic.save()
    disclaimer = MedicalDisclaimer.objects.order_by("-pk").first()
    spanish = data.get("disclaimer") or {}
    if disclaimer is not None and spanish and not disclaimer.text_es:
        disclaimer.title_es = spanish.get("title", "")
        disclaimer.text_es = html(spanish["text"]) if spanish.get("text") else ""
        if spanish.get("off_label_statement"):
            disclaimer.off_label_statement_es = html(spanish["off_label_statement"])
        disclaimer.save()


def in_step(content, spanish, english, key):
    """A Spanish list that follows the English one entry by entry (or None if not given)."""
    if not spanish.get(key):
        return None
    if len(spanish[key]) != len(english[key]):
        raise DocumentError(
            f"{content.root.name}/{SPANISH_SETTINGS}",
            1,
            f"'{key}' needs one entry for each of settings.yaml's, in the same order",
        )
    return spanish[key]


def closed_days(days):
    """The closed days as StreamField data: each a date and an optional label."""
    return [
        (
            "day",
            {"date": datetime.date.fromisoformat(str(day["date"])), "label": day.get("label", "")},
        )
        for day in days
    ]


def time(text):
    return datetime.time.fromisoformat(str(text))


def link_accounts(people):
    """A reviewer signs off as the Person their account is linked to (once, if unlinked)."""
    User = get_user_model()
    for data in people:
        user = User.objects.filter(username=data.get("account")).first()
        if user and not Person.objects.filter(user=user).exists():
            Person.objects.filter(name=data["name"], user=None).update(user=user)


def create_demo_accounts():
    """Sign-in accounts for each role: development only, never under production settings."""
    User = get_user_model()
    for username, full_name, group_name in DEMO_ACCOUNTS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = group_name is None
        user.is_superuser = group_name is None
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
