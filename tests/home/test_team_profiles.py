"""Our team: every clinician has a public profile at /team/<slug>/, linked from their bylines
and review lines; someone who has left is no longer listed and their address says so."""

import datetime
import html as html_lib
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.practice.details import ClinicSettings
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories import PersonFactory
from tests.home.team_helpers import json_ld, of_type
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible words, tags dropped and spaces squeezed."""
    body = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def sections(home_page):
    return (
        TreatmentIndexPageFactory(parent=home_page),
        ArticleIndexPageFactory(parent=home_page),
    )


# The team page


def test_the_team_page_lists_the_people_who_work_here_by_name(client, team_page, okafor):
    PersonFactory(name="Priya Natarajan", credentials="LMFT", care_role="therapist")
    PersonFactory(name="Dr. Former Colleague", retired=True)
    response = client.get("/team/")
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'class="person-card__link" href="([^"]+)">([^<]+)</a>', html)
    assert names == [
        ("/team/dr-amara-okafor/", "Dr. Amara Okafor"),
        ("/team/priya-natarajan/", "Priya Natarajan"),
    ]
    assert "Former Colleague" not in html
    words = text_of(response)
    assert "MD, board-certified psychiatrist" in words
    assert "Role in care: Prescribing psychiatrist" in words
    # The heading levels go down one at a time: h1, h2, then each person's h3.
    levels = [int(level) for level in re.findall(r"<h([1-6])", html.split("<main", 1)[1])]
    assert levels[:3] == [1, 2, 3]


def test_a_person_without_a_photo_gets_initials_that_screen_readers_skip(client, team_page, okafor):
    html = client.get("/team/").content.decode()
    assert '<span class="person-card__photo person-initials" aria-hidden="true">AO</span>' in html


def test_the_team_page_is_allowed_once_and_only_below_the_home_page():
    from home.models import HomePage, StandardPage, TeamPage

    assert TeamPage.max_count == 1
    assert TeamPage.allowed_parent_page_models() == [HomePage]
    assert not TeamPage.allowed_subpage_models()
    assert TeamPage not in StandardPage.allowed_subpage_models()


# A profile


def test_a_profile_shows_who_the_person_is_and_their_licence(client, team_page, okafor):
    response = client.get("/team/dr-amara-okafor/")
    assert response.status_code == 200
    html = response.content.decode()
    # Credentials on their own line; a screen reader hears "Dr. Amara Okafor, MD, ...".
    assert re.search(
        r'<h1[^>]*>Dr\. Amara Okafor<span[^>]*><span class="visually-hidden">, </span>'
        r"MD, board-certified psychiatrist</span></h1>",
        html,
    )
    words = text_of(response)
    for expected in (
        "Medical director",
        "Role in your care: prescribing psychiatrist",
        "Accepting new patients",
        "Dr. Okafor leads the medical team.",
        "Licence Physician (MD), NH, number TEST-0001",
        "Last verified by the clinic on 1 September 2026",
        "Board certification Psychiatry, American Board of Psychiatry and Neurology",
        "Specialties Mood disorders Treatment-resistant depression",
        "Languages spoken English, French",
        "Education Doctor of Medicine (MD) Residency in psychiatry",
    ):
        assert expected in words, expected
    assert '<a href="https://forms.nh.gov/licenseverification/">' in html
    # 50 characters: the clinic's name would take it over 65 (clinic/serving/page_titles.py).
    assert "<title>Dr. Amara Okafor, MD, board-certified psychiatrist</title>" in html
    assert '<link rel="canonical" href="http://localhost/team/dr-amara-okafor/">' in html
    # The breadcrumb ends at the person, the current page.
    assert '<a href="/team/">Our team</a>' in html
    assert '<a href="/team/dr-amara-okafor/" aria-current="page">Dr. Amara Okafor</a>' in html


@pytest.mark.parametrize(
    ("accepting", "shown", "hidden"),
    [
        (True, "Accepting new patients", "Not accepting"),
        (False, "Not accepting new patients at the moment", "Accepting new patients"),
        (None, None, "ccepting new patients"),
    ],
)
def test_accepting_new_patients_is_said_only_when_known(
    client, team_page, okafor, accepting, shown, hidden
):
    okafor.accepting_new_patients = accepting
    okafor.save()
    words = text_of(client.get("/team/dr-amara-okafor/"))
    if shown:
        assert shown in words
    assert hidden not in words


def test_the_photo_has_its_description_or_an_empty_alt(client, team_page, okafor):
    from tests.factories import ImageFactory

    okafor.photo = ImageFactory()
    okafor.photo_alt = "Dr. Okafor smiling, in a blue jacket"
    okafor.save()
    html = client.get("/team/dr-amara-okafor/").content.decode()
    assert 'alt="Dr. Okafor smiling, in a blue jacket"' in html
    okafor.photo_alt = ""
    okafor.save()
    html = client.get("/team/dr-amara-okafor/").content.decode()
    assert re.search(r'<img alt=""[^>]*class="person-profile__photo"', html)
    # On the team page the name sits beside the photo: the photo is decoration there.
    team = client.get("/team/").content.decode()
    assert re.search(r'<img alt=""[^>]*class="person-card__photo"', team)


def test_a_blank_profile_shows_no_empty_sections(client, team_page):
    PersonFactory(name="Sam Newcomer", credentials="", role="", slug="sam")
    response = client.get("/team/sam/")
    assert response.status_code == 200
    words = text_of(response)
    for heading in ("Qualifications", "wrote", "reviewed", "ccepting"):
        assert heading not in words


def test_a_profile_lists_the_live_pages_the_person_wrote_and_reviewed(
    client, team_page, okafor, sections
):
    treatments, articles = sections
    other = PersonFactory(name="Dr. Someone Else")
    TreatmentPageFactory(parent=treatments, title="Ketamine infusions", reviewer=okafor)
    TreatmentPageFactory(parent=treatments, title="Draft treatment", reviewer=okafor, live=False)
    TreatmentPageFactory(parent=treatments, title="Not hers", reviewer=other)
    ArticlePageFactory(parent=articles, title="Written by her", authors=[okafor], reviewer=other)
    ArticlePageFactory(parent=articles, title="Reviewed by her", authors=[other], reviewer=okafor)
    ArticlePageFactory(parent=articles, title="Draft by her", authors=[okafor], live=False)
    html = client.get("/team/dr-amara-okafor/").content.decode()
    written = html.split('id="written-heading"', 1)[1].split("</section>", 1)[0]
    reviewed = html.split('id="reviewed-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', written) == ["Written by her"]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', reviewed) == [
        "Ketamine infusions",
        "Reviewed by her",
    ]
    assert "Draft" not in html
    assert "Not hers" not in html


def test_an_unknown_address_is_not_found(client, team_page):
    assert client.get("/team/no-one-by-that-name/").status_code == 404


# Someone who has left


def test_a_retired_persons_address_answers_gone_with_a_way_on(client, team_page, retired_person):
    response = client.get(f"/team/{retired_person.slug}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>Dr. Former Colleague no longer works at the clinic</h1>" in html
    assert '<a href="/team/">See the people who work at the clinic now</a>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_retired_reviewers_past_sign_offs_keep_their_name_without_a_link(
    client, team_page, retired_person, sections
):
    treatments, _ = sections
    page = TreatmentPageFactory(parent=treatments, reviewer=retired_person)
    html = client.get(page.url).content.decode()
    assert "Medically reviewed by Dr. Former Colleague, MD</p>" in html
    assert f"/team/{retired_person.slug}/" not in html


# Links to profiles


def test_profile_url_is_empty_without_a_live_team_page_or_for_someone_who_left(
    site, team_page, okafor, retired_person
):
    clinic = ClinicSettings.for_site(site)
    assert okafor.profile_url(clinic) == "/team/dr-amara-okafor/"
    assert retired_person.profile_url(clinic) == ""
    team_page.unpublish()
    assert okafor.profile_url(ClinicSettings.for_site(site)) == ""
    assert okafor.profile_url(None) == ""


def test_the_review_line_links_to_the_reviewer_and_to_the_editorial_policy(
    client, site, team_page, okafor, sections, home_page
):
    from tests.factories import StandardPageFactory

    treatments, _ = sections
    page = TreatmentPageFactory(parent=treatments, reviewer=okafor)
    html = client.get(page.url).content.decode()
    assert (
        'Medically reviewed by <a href="/team/dr-amara-okafor/">Dr. Amara Okafor</a>, '
        "MD, board-certified psychiatrist</p>"
    ) in html
    assert "How we write and review our pages" not in html

    clinic = ClinicSettings.for_site(site)
    clinic.editorial_policy_page = StandardPageFactory(parent=home_page, slug="how-we-write")
    clinic.save()
    html = client.get(page.url).content.decode()
    assert '<a href="/how-we-write/">How we write and review our pages</a>' in html


def test_the_article_byline_links_each_author_to_their_profile(client, team_page, okafor, sections):
    _, articles = sections
    other = PersonFactory(name="Jonah Reyes", credentials="PsyD")
    article = ArticlePageFactory(parent=articles, authors=[okafor, other], reviewer=okafor)
    html = client.get(article.url).content.decode()
    byline = html.split('class="article__byline"', 1)[1].split("</p>", 1)[0]
    assert '<a href="/team/dr-amara-okafor/">Dr. Amara Okafor</a>' in byline
    assert '<a href="/team/jonah-reyes/">Jonah Reyes</a>' in byline
    assert 'Medically reviewed by <a href="/team/dr-amara-okafor/">' in html


def test_without_a_team_page_names_are_shown_without_links(client, okafor, sections):
    treatments, articles = sections
    article = ArticlePageFactory(parent=articles, authors=[okafor], reviewer=okafor)
    html = client.get(article.url).content.decode()
    assert "/team/" not in html
    assert '<span class="article__author">Dr. Amara Okafor</span>' in html


# Structured data


def test_json_ld_of_a_profile_is_a_profile_page_about_the_person(
    client, home_page, team_page, okafor
):
    objects = json_ld(client.get("/team/dr-amara-okafor/").content.decode())
    profile = of_type(objects, "ProfilePage")
    url = "http://localhost/team/dr-amara-okafor/"
    assert profile["url"] == url
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert person["@id"] == url + "#person"
    assert person["url"] == url
    assert person["name"] == "Dr. Amara Okafor"
    assert person["jobTitle"] == "Medical director"
    assert person["knowsLanguage"] == ["English", "French"]
    assert person["knowsAbout"] == ["mood disorders", "treatment-resistant depression"]
    licence, board = person["hasCredential"]
    assert licence["@type"] == "EducationalOccupationalCredential"
    assert licence["credentialCategory"] == "license"
    assert licence["name"] == "Physician (MD), NH"
    assert licence["identifier"] == "TEST-0001"
    assert licence["url"] == "https://forms.nh.gov/licenseverification/"
    assert board["credentialCategory"] == "certification"
    # The clinic it works for is the home page's MedicalClinic, by its @id.
    clinic = of_type(json_ld(client.get("/").content.decode()), "MedicalClinic")
    assert person["worksFor"] == {"@id": clinic["@id"]}
    assert clinic["@id"] == "http://localhost/#clinic"
    crumbs = of_type(objects, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Our team", "Dr. Amara Okafor"]


def test_json_ld_of_health_pages_names_authors_and_reviewers_by_their_profile(
    client, team_page, okafor, sections
):
    treatments, articles = sections
    other = PersonFactory(name="Jonah Reyes", credentials="PsyD", role="Lead therapist")
    treatment = TreatmentPageFactory(parent=treatments, reviewer=okafor)
    article = ArticlePageFactory(parent=articles, authors=[other], reviewer=okafor)
    expected_reviewer = {
        "@type": "Person",
        "@id": "http://localhost/team/dr-amara-okafor/#person",
        "url": "http://localhost/team/dr-amara-okafor/",
        "name": "Dr. Amara Okafor",
        "jobTitle": "Medical director",
        "description": "MD, board-certified psychiatrist",
    }
    page_data = of_type(json_ld(client.get(treatment.url).content.decode()), "MedicalWebPage")
    assert page_data["reviewedBy"] == expected_reviewer
    article_data = of_type(json_ld(client.get(article.url).content.decode()), "Article")
    assert article_data["mainEntityOfPage"]["reviewedBy"] == expected_reviewer
    (author,) = article_data["author"]
    assert author["@id"] == "http://localhost/team/jonah-reyes/#person"
    assert author["url"] == "http://localhost/team/jonah-reyes/"
    assert author["jobTitle"] == "Lead therapist"
    # The same @id as the profile's own mainEntity: search engines join them up.
    profile = of_type(json_ld(client.get("/team/jonah-reyes/").content.decode()), "ProfilePage")
    assert profile["mainEntity"]["@id"] == author["@id"]


def test_json_ld_of_someone_who_left_has_no_profile_link(
    client, team_page, retired_person, sections
):
    treatments, _ = sections
    treatment = TreatmentPageFactory(parent=treatments, reviewer=retired_person)
    data = of_type(json_ld(client.get(treatment.url).content.decode()), "MedicalWebPage")
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr. Former Colleague",
        "description": "MD",
        "jobTitle": "Psychiatrist",
    }


# Search engines and caches


def test_the_sitemap_lists_the_profiles_of_people_who_work_here(
    client, team_page, okafor, retired_person
):
    team_page.save_revision().publish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [node.text for node in root.findall("sm:url/sm:loc", ns)]
    assert "http://localhost/team/" in locations
    assert "http://localhost/team/dr-amara-okafor/" in locations
    assert not [url for url in locations if retired_person.slug in url]


def test_a_cdn_purge_reaches_every_profile(team_page, okafor, retired_person):
    paths = team_page.get_cached_paths()
    assert sorted(paths) == sorted(["/", f"/{okafor.slug}/", f"/{retired_person.slug}/"])


# Queries


def count_profile_queries(client, url, bound, limit):
    client.get(url)  # the first view makes the renditions
    with bound(limit), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Room for the site chrome (menu, settings, routing); the profile adds a fixed handful.
MAX_QUERIES = 20


def test_a_profile_runs_the_same_queries_however_many_pages_the_person_wrote(
    client, team_page, okafor, sections, django_assert_max_num_queries
):
    treatments, articles = sections

    def add(count):
        for _ in range(count):
            TreatmentPageFactory(parent=treatments, reviewer=okafor)
            ArticlePageFactory(parent=articles, authors=[okafor], reviewer=okafor)

    add(2)
    few = count_profile_queries(
        client, "/team/dr-amara-okafor/", django_assert_max_num_queries, MAX_QUERIES
    )
    add(8)
    many = count_profile_queries(
        client, "/team/dr-amara-okafor/", django_assert_max_num_queries, MAX_QUERIES
    )
    print(f"\nQUERIES profile: {few} with 2 of each, {many} with 10 of each")
    assert few == many


def test_the_team_page_runs_the_same_queries_however_many_people_there_are(
    client, team_page, django_assert_max_num_queries
):
    from tests.factories import ImageFactory

    def add(count):
        for _ in range(count):
            PersonFactory(photo=ImageFactory(), photo_alt="")

    add(2)
    few = count_profile_queries(client, "/team/", django_assert_max_num_queries, MAX_QUERIES)
    add(10)
    many = count_profile_queries(client, "/team/", django_assert_max_num_queries, MAX_QUERIES)
    print(f"\nQUERIES team: {few} with 2 people, {many} with 12 people")
    assert few == many


def test_a_licence_never_checked_or_checked_over_a_year_ago_is_due(okafor):
    today = datetime.date(2027, 9, 3)
    assert okafor.licence_check_due(today)
    assert not okafor.licence_check_due(datetime.date(2026, 10, 1))
    okafor.licence_verified = None
    assert okafor.licence_check_due(today)


# The editor


def test_editors_edit_and_preview_the_team_page(client, superuser, team_page, okafor):
    client.force_login(superuser)
    assert client.get(f"/admin/pages/{team_page.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{team_page.pk}/view_draft/")
    assert response.status_code == 200
    assert "Dr. Amara Okafor" in response.content.decode()
