"""Uploading a picture: a damaged file gets "Not a valid image", never a server error.

Wagtail checks an upload's format and pixel size, but a truncated or corrupt file whose first
bytes look right makes Pillow raise while reading it, and the editor got a 500 page. This field
reads the whole picture once before accepting it. The images' form base
(WAGTAILIMAGES_IMAGE_FORM_BASE) uses it for single and multiple uploads and for the chooser.
"""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

NOT_A_VALID_IMAGE = (
    "Not a valid image: the file is damaged or was not uploaded completely. Try another copy "
    "of the picture, saved again as JPEG, PNG, GIF, WebP or AVIF."
)


class WholeImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            f.seek(0)
            with PILImage.open(f) as picture:
                picture.load()  # raises on a truncated or corrupt file
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(NOT_A_VALID_IMAGE, code="invalid_image") from error
        finally:
            f.seek(0)


class ClinicImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, as Wagtail makes its own: the field reads the upload limits from the
        # settings when it is made.
        if made := self.fields.get("file"):
            self.fields["file"] = WholeImageField(
                label=made.label, required=made.required, widget=made.widget
            )
