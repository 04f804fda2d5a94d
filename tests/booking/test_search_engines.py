import pytest


@pytest.mark.django_db
def test_booking_page_is_kept_out_of_the_sitemap(client, booking_page):
    booking_page.save_revision().publish()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert booking_page.url not in sitemap
    html = client.get(booking_page.url).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
