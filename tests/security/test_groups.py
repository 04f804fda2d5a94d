import pytest
from wagtail.models import Page

from home.models import StandardPage
from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_clinicians_can_edit_pages_but_not_publish_them(clinician, home_page):
    page = StandardPageFactory(parent=home_page)
    permissions = page.permissions_for_user(clinician)
    assert permissions.can_edit()
    assert permissions.can_add_subpage()
    assert not permissions.can_publish()


@pytest.mark.django_db
def test_clinical_reviewers_can_publish(reviewer, home_page):
    page = StandardPageFactory(parent=home_page)
    assert page.permissions_for_user(reviewer).can_publish()


@pytest.mark.django_db
def test_booking_managers_can_sign_in_but_not_edit_pages(booking_manager, home_page):
    assert booking_manager.has_perm("wagtailadmin.access_admin")
    assert not home_page.permissions_for_user(booking_manager).can_edit()


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["clinician", "reviewer", "booking_manager"])
def test_every_clinic_group_may_use_the_admin(request, client, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_clinicians_get_the_editor_for_a_new_standard_page(client, clinician, home_page):
    client.force_login(clinician)
    response = client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/")
    assert response.status_code == 200
    assert Page.objects.type(StandardPage).count() == 0
