import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomeFeaturedTreatment
from tests.factories import ImageFactory
from tests.treatments.factories import TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def feature(home_page, *pages):
    for order, page in enumerate(pages):
        HomeFeaturedTreatment.objects.create(home=home_page, page=page, sort_order=order)


def home_queries(client):
    client.get("/")  # the first view makes the card renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    return response, len(queries)


def test_featured_treatments_show_live_ones_in_the_editors_order(client, home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    first = TreatmentPageFactory(parent=index, title="Esketamine", summary="A nasal spray.")
    second = TreatmentPageFactory(parent=index, title="Infusions", summary="A drip.")
    draft = TreatmentPageFactory(parent=index, title="Draft treatment", live=False)
    feature(home_page, second, draft, first)
    html = client.get("/").content.decode()
    assert html.index("Infusions") < html.index("Esketamine")
    assert "A nasal spray." in html
    assert "Draft treatment" not in html


def test_home_queries_do_not_grow_with_featured_treatments(client, home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    pages = [TreatmentPageFactory(parent=index, hero_image=ImageFactory()) for _ in range(5)]
    feature(home_page, pages[0])
    _, with_one = home_queries(client)
    HomeFeaturedTreatment.objects.all().delete()
    feature(home_page, *pages)
    response, with_five = home_queries(client)
    assert response.content.decode().count('class="card"') == 5
    assert with_five == with_one
