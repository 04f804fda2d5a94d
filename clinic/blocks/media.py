"""Blocks in the picker's "Images and media" group: image with caption and video."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from clinic.blocks.base import GROUP_MEDIA, deconstruct_aliases


def first_image():
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").first()


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Add alt text that describes the image, or tick 'decorative' "
                        "if it adds nothing to the text."
                    )
                }
            )
        return value

    def get_preview_value(self):
        value = dict(self.meta.preview_value)
        value["image"] = first_image()
        return self.normalize(value)

    class Meta:
        icon = "image"
        label = "Image with caption"
        group = GROUP_MEDIA
        template = "blocks/image_block.html"
        description = "A picture with alt text and an optional caption, sized for every screen."
        preview_value = {
            "alt_text": "A quiet treatment room with a reclining chair by a window.",
            "decorative": False,
            "caption": "One of the clinic's treatment rooms.",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="The video's web address, e.g. a YouTube or Vimeo link.")
    title = blocks.CharBlock(
        max_length=150, help_text="What the video is about; it names the link to the video."
    )
    description = blocks.TextBlock(
        required=False, max_length=300, help_text="Optional: who is speaking, how long it is."
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video = value.get("video")
        url = getattr(video, "url", "") or ""
        context["video_url"] = url
        host = urlsplit(url).hostname or ""
        context["video_host"] = host.removeprefix("www.").removeprefix("m.")
        return context

    class Meta:
        icon = "media"
        label = "Video"
        group = GROUP_MEDIA
        template = "blocks/video_block.html"
        description = "A link to a video with its title; nothing loads from the video site."
        preview_value = {
            "video": "https://www.youtube.com/watch?v=example",
            "title": "What happens at a first consultation",
            "description": "Our medical director explains the assessment. 4 minutes.",
        }


DECONSTRUCT_ALIASES = deconstruct_aliases(ImageBlock, VideoBlock)
