"""Security headers, cookies, documents and uploads under the production settings."""

import importlib
import io

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

PRODUCTION_SETTINGS = [
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
]


@pytest.fixture
def production(monkeypatch, settings):
    """The security settings of clinic.settings.production, read from the real module."""
    monkeypatch.setenv("SECRET_KEY", "production-test-secret-" + "x" * 40)
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    monkeypatch.setenv("SITE_URL", "https://testserver")
    module = importlib.import_module("clinic.settings.production")
    module = importlib.reload(module)
    for name in PRODUCTION_SETTINGS:
        setattr(settings, name, getattr(module, name))
    return settings


@pytest.fixture
def demo_site(site):
    call_command("load_demo_content")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/treatments/ketamine-infusion-therapy/", "/book-a-consultation/"]
)
def test_public_pages_send_the_security_headers(client, production, demo_site, path):
    response = client.get(path, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, production, demo_site):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


@pytest.mark.django_db
def test_cookies_are_secure_httponly_and_same_site(client, production, demo_site, superuser):
    booking = client.get("/book-a-consultation/", HTTP_X_FORWARDED_PROTO="https")
    csrf = booking.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    signed_in = client.post(
        "/admin/login/",
        {"username": superuser.username, "password": "a-long-test-password"},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.django_db
def test_documents_are_served_by_django_as_attachments(client, home_page):
    document = get_document_model().objects.create(
        title="Aftercare leaflet",
        file=SimpleUploadedFile("aftercare.pdf", b"%PDF-1.4 leaflet", "application/pdf"),
    )
    response = client.get(document.url)
    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def upload(client, name, content, content_type):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


@pytest.mark.django_db
def test_svg_images_are_refused(client, superuser):
    client.force_login(superuser)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_with_too_many_pixels_is_refused_with_a_clear_message(client, superuser, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    client.force_login(superuser)
    buffer = io.BytesIO()
    PILImage.new("1", (2000, 2000)).save(buffer, "PNG")  # tiny file, four million pixels
    response = upload(client, "bomb.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_size_limit_is_refused_with_a_clear_message(client, superuser, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(superuser)
    buffer = io.BytesIO()
    PILImage.effect_noise((200, 200), 50).convert("RGB").save(buffer, "PNG")
    response = upload(client, "large.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()
