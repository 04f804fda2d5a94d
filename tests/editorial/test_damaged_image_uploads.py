"""A damaged picture upload gets "Not a valid image" and stores nothing; never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from clinic.editorial.image_upload import NOT_A_VALID_IMAGE

pytestmark = pytest.mark.django_db


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


DAMAGED = {
    "cut after the header": jpeg()[:200],
    "cut before the end": jpeg()[:-300],
    "a header and nothing else": b"\xff\xd8\xff\xe0not really a picture",
}


def upload(data, name="picture.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture(params=["superuser", "clinician"])
def uploader(request, client):
    client.force_login(request.getfixturevalue(request.param))
    return client


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_picture_is_refused_in_plain_words(uploader, damage):
    data = {"title": "A calm room", "file": upload(DAMAGED[damage]), "collection": "1"}
    response = uploader.post("/admin/images/add/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [NOT_A_VALID_IMAGE]
    assert 'value="A calm room"' in response.content.decode()  # what was typed stays
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_picture_among_several_is_refused_in_plain_words(uploader, damage):
    response = uploader.post("/admin/images/multiple/add/", {"files[]": upload(DAMAGED[damage])})
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": NOT_A_VALID_IMAGE}
    assert not get_image_model().objects.exists()


def test_a_whole_picture_is_taken(uploader):
    data = {"title": "A calm room", "file": upload(jpeg()), "collection": "1"}
    assert uploader.post("/admin/images/add/", data).status_code == 302
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (800, 600)


def test_a_pictures_title_is_edited_without_uploading_it_again(uploader):
    data = {"title": "A calm room", "file": upload(jpeg()), "collection": "1"}
    uploader.post("/admin/images/add/", data)
    image = get_image_model().objects.get()
    edit = {"title": "A quiet room", "collection": "1", "alt_text": ""}
    response = uploader.post(f"/admin/images/{image.pk}/", edit)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "A quiet room" and image.width == 800


def test_the_upload_limits_still_apply(uploader, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    data = {"title": "A calm room", "file": upload(jpeg()), "collection": "1"}
    response = uploader.post("/admin/images/add/", data)
    assert response.status_code == 200
    assert "This file is too big" in str(response.context["form"].errors["file"])
