"""Language taglines: a well-formed language code, a direction, and only administrators may
add, change or delete them (no group holds their permissions)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.practice.language_assistance import LanguageTagline, normalised_tag

pytestmark = pytest.mark.django_db

SPANISH = {
    "code": "es",
    "name": "Español",
    "text": "Si habla español, puede recibir ayuda gratuita. Llame al (555) 010-0140.",
    "direction": "ltr",
    "sort_order": "1",
}


def tagline_url(view, tagline=None):
    args = [tagline.pk] if tagline else []
    return reverse(f"wagtailsnippets_clinic_languagetagline:{view}", args=args)


def refused(response):
    """Wagtail answers a forbidden admin view with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


@pytest.fixture
def arabic(db):
    return LanguageTagline.objects.create(
        code="ar",
        name="العربية",
        text="إذا كنت تتحدث العربية، فإن المساعدة المجانية متاحة.",
        direction="rtl",
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("es", "es"),
        ("ES", "es"),
        (" vi ", "vi"),
        ("zh-hant", "zh-Hant"),
        ("ZH-HANT-tw", "zh-Hant-TW"),
        ("pt-br", "pt-BR"),
        ("es-419", "es-419"),
        ("hmn", "hmn"),
    ],
)
def test_a_language_code_is_kept_in_its_usual_case(typed, stored):
    assert normalised_tag(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "e", "spanish", "es_MX", "es-", "zh-Han", "pt-BRA", "en-US-x-private", "1a"]
)
def test_a_code_that_is_not_a_language_tag_is_refused_with_examples(typed):
    tagline = LanguageTagline(code=typed, name="Español", text="Ayuda gratuita.")
    with pytest.raises(ValidationError) as raised:
        tagline.full_clean()
    [message] = raised.value.message_dict["code"]
    if typed:
        assert message.startswith('Enter a language code such as "es", "zh-Hant" or "pt-BR"')
    else:
        assert message == "This field cannot be blank."


def test_two_taglines_cannot_share_a_language_whatever_its_case(arabic):
    again = LanguageTagline(code="AR", name="العربية", text="نص آخر", direction="rtl")
    with pytest.raises(ValidationError) as raised:
        again.full_clean()
    assert "code" in raised.value.message_dict
    assert again.code == "ar"


def test_a_direction_is_left_to_right_or_right_to_left_only():
    tagline = LanguageTagline(code="fa", name="فارسی", text="کمک رایگان", direction="up")
    with pytest.raises(ValidationError) as raised:
        tagline.full_clean()
    assert "direction" in raised.value.message_dict
    assert LanguageTagline(code="en", name="English", text="Free help.").direction == "ltr"


def test_taglines_are_listed_in_their_order_then_by_code(db):
    for code, order in [("vi", 2), ("es", 1), ("ar", 2)]:
        LanguageTagline.objects.create(code=code, name=code, text="…", sort_order=order)
    assert [tagline.code for tagline in LanguageTagline.objects.all()] == ["es", "ar", "vi"]


# Who edits them


def test_an_administrator_adds_changes_and_deletes_a_tagline(client, superuser):
    client.force_login(superuser)
    assert client.get(tagline_url("list")).status_code == 200
    response = client.post(tagline_url("add"), dict(SPANISH, code="ES"))
    assert response.status_code == 302
    tagline = LanguageTagline.objects.get()
    assert (tagline.code, tagline.name, tagline.direction) == ("es", "Español", "ltr")

    response = client.post(tagline_url("edit", tagline), dict(SPANISH, text="Nuevo texto."))
    assert response.status_code == 302
    tagline.refresh_from_db()
    assert tagline.text == "Nuevo texto."

    assert client.post(tagline_url("delete", tagline)).status_code == 302
    assert not LanguageTagline.objects.exists()


def test_the_add_form_shows_a_bad_code_in_words(client, superuser):
    client.force_login(superuser)
    response = client.post(tagline_url("add"), dict(SPANISH, code="Spanish"))
    assert response.status_code == 200
    assert "Enter a language code such as" in response.content.decode()
    assert not LanguageTagline.objects.exists()


@pytest.mark.parametrize("role", ["clinician", "reviewer", "booking_manager"])
def test_no_staff_role_may_list_add_change_or_delete_taglines(client, request, role, arabic):
    client.force_login(request.getfixturevalue(role))
    assert refused(client.get(tagline_url("list")))
    assert refused(client.get(tagline_url("add")))
    assert refused(client.post(tagline_url("add"), SPANISH))
    assert refused(client.get(tagline_url("edit", arabic)))
    assert refused(client.post(tagline_url("edit", arabic), dict(SPANISH, code="ar")))
    assert refused(client.post(tagline_url("delete", arabic)))
    assert list(LanguageTagline.objects.values_list("code", "text")) == [("ar", arabic.text)]


@pytest.mark.parametrize("role", ["clinician", "reviewer", "booking_manager"])
def test_no_staff_role_is_offered_the_taglines_in_the_admin(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("wagtailadmin_home"), reverse("wagtailsnippets:index")):
        response = client.get(url)
        assert response.status_code in (200, 302, 403)
        assert "Language taglines" not in response.content.decode()
        assert tagline_url("list") not in response.content.decode()


def test_the_administrator_is_offered_the_taglines_among_the_snippets(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailsnippets:index")).content.decode()
    assert "Language taglines" in html
    assert tagline_url("list") in html


def test_no_group_holds_a_tagline_permission(db):
    permissions = Permission.objects.filter(
        content_type__app_label="clinic", content_type__model="languagetagline"
    )
    assert permissions.count() == 4  # add, change, delete, view: made, and given to nobody
    assert not permissions.filter(group__isnull=False).exists()
