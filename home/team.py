"""Our team: the clinicians' public profiles, at /team/<slug>/ below the team page.

A visitor weighing a health page can see who wrote it and who checked it: their role in
care, licence (with the state's public look-up), certification and the pages they wrote and
reviewed. People come from the Person snippet (clinic/editorial/people.py); every link to a profile
goes through Person.profile_url, so it points here only while the team page is live and the
person still works at the clinic.

Caching: the index and each profile are ordinary 200 pages, so the page cache
(clinic/serving/pagecache.py) stores them like any other public page; saving a Person or the
clinic's settings, or publishing any page, makes them stale. get_cached_paths names every
profile, so a CDN purge reaches them too.
"""

from django.db import models
from django.http import Http404
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from blog.models import ArticleAuthor, ArticlePage
from clinic.editorial.page_forms import ClinicPageForm
from clinic.editorial.people import Person
from clinic.practice.details import ClinicSettings, clinic_schema_id
from clinic.serving.shared_data import SharedRestrictionsMixin, public
from treatments.models import TreatmentPage

# The photo's sizes on the profile (templates/home/person_profile.html); JSON-LD reuses one.
PROFILE_PHOTO_SCHEMA_SPEC = "format-jpeg|fill-640x640"


def with_photos(people):
    """People with their photo and its renditions: two queries however many there are."""
    return people.select_related("photo").prefetch_related("photo__renditions")


class TeamPage(SharedRestrictionsMixin, RoutablePageMixin, Page):
    """Lists the clinic's people; each has a profile at <this page's address><slug>/."""

    intro = models.TextField(max_length=400, blank=True, help_text="One or two sentences.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    base_form_class = ClinicPageForm

    class Meta:
        verbose_name = "team page"

    # The person a profile view shows; set per request on this request's own page instance,
    # so the title, description and JSON-LD of the page (base.html) describe the person.
    profile_person = None

    def listed_people(self):
        """Everyone still working at the clinic, by name."""
        return with_photos(Person.objects.filter(retired=False).order_by("name"))

    @path("", name="index")
    def index_route(self, request):
        return self.render(request, context_overrides={"people": self.listed_people()})

    @path("<slug:slug>/", name="person")
    def person_route(self, request, slug):
        person = with_photos(Person.objects.filter(slug=slug)).first()
        if person is None:
            raise Http404("No one here has this address.")
        if person.retired:
            # 410 Gone, with a short page, rather than a redirect to the team page: a
            # visitor following an old byline learns plainly that the person has left (a
            # redirect would drop them on a list without them, unexplained), and search
            # engines drop the address. Not stored by the page cache (only 200s are).
            response = self.render(
                request,
                template="home/person_retired.html",
                context_overrides={
                    "person": person,
                    "breadcrumb_tail": [(person.name, request.path)],
                },
            )
            response.status_code = 410
            return response
        self.profile_person = person
        self.seo_title = person_title(person)
        return self.render(
            request,
            template="home/person_profile.html",
            context_overrides={
                "person": person,
                "canonical_url": self.profile_full_url(request, person),
                "breadcrumb_tail": [(person.name, request.path)],
                **pages_by(person),
            },
        )

    def profile_full_url(self, request, person):
        return f"{self.get_full_url(request)}{self.reverse_subpage('person', args=[person.slug])}"

    def get_meta_description(self):
        person = self.profile_person
        if person is None:
            return self.search_description or self.intro
        about = person.bio or ", ".join(filter(None, [person.care_role, person.role]))
        return Truncator(f"{person_title(person)}. {about}").chars(300)

    def get_structured_data(self, request):
        """A profile: schema.org ProfilePage whose mainEntity is the Person (the same @id as
        their bylines and review lines). Everything in it is on the page."""
        person = self.profile_person
        if person is None:
            return []
        clinic = ClinicSettings.for_request(request)
        url = self.profile_full_url(request, person)
        entity = person.schema(request, clinic)
        # The @id follows this page (the settings may name no team page yet, e.g. in preview).
        entity.update({"@id": f"{url}#person", "url": url})
        # The clinic is the home page's MedicalClinic: the site's root, this page's parent.
        _, root_url, _ = self.get_url_parts(request)
        entity["worksFor"] = {"@id": clinic_schema_id(f"{root_url}/")}
        if person.bio:
            entity["description"] = person.bio
        credentials = person.credentials_schema()
        if credentials:
            entity["hasCredential"] = credentials
        if person.language_list:
            entity["knowsLanguage"] = person.language_list
        if person.specialty_list:
            entity["knowsAbout"] = person.specialty_list
        if person.photo and request:
            rendition = person.photo.get_rendition(PROFILE_PHOTO_SCHEMA_SPEC)
            entity["image"] = request.build_absolute_uri(rendition.url)
        return [
            {
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "url": url,
                "name": person_title(person),
                "mainEntity": entity,
            }
        ]

    def get_cached_paths(self):
        """The index and every profile (a retired person's address answers 410)."""
        slugs = Person.objects.exclude(slug=None).values_list("slug", flat=True)
        return ["/", *(f"/{slug}/" for slug in slugs)]

    def get_sitemap_urls(self, request=None):
        """The index and each current person's profile, each with its <lastmod>: a profile
        last changed when the person did, or when this page (its intro, its layout) did."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        page_changed = urls[0]["lastmod"] if urls else None
        people = Person.objects.filter(retired=False).exclude(slug=None)
        return [
            *urls,
            *(
                {"location": f"{base}{slug}/", "lastmod": later(updated_at, page_changed)}
                for slug, updated_at in people.values_list("slug", "updated_at")
            ),
        ]


def later(*moments):
    """The latest of these moments, ignoring the missing ones."""
    return max((moment for moment in moments if moment), default=None)


def person_title(person):
    return f"{person.name}, {person.credentials}" if person.credentials else person.name


def pages_by(person):
    """The live, public pages the person wrote and reviewed: a fixed number of queries."""
    articles = public(ArticlePage.objects.live()).defer_streamfields().order_by("-date", "-pk")
    authored = ArticleAuthor.objects.filter(person=person).values("page_id")
    treatments = public(TreatmentPage.objects.live()).defer_streamfields().order_by("path")
    return {
        "written": list(articles.filter(pk__in=authored)),
        "reviewed_treatments": list(treatments.filter(reviewer=person)),
        "reviewed_articles": list(articles.filter(reviewer=person)),
    }
