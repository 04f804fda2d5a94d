"""Shared helpers for the demo loaders: StreamField block builders and calm generated pictures.

Pictures are drawn here with Pillow: nothing is downloaded.
"""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level, "anchor": ""})


def paragraph(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "heading": title, "text": html})


def checklist(title, items, tone="neutral"):
    return ("checklist", {"heading": title, "heading_level": "h2", "tone": tone, "items": items})


def steps(title, items):
    """items: (title, html) pairs."""
    return (
        "steps",
        {
            "heading": title,
            "heading_level": "h2",
            "steps": [{"title": name, "text": html} for name, html in items],
        },
    )


def gradient_picture(top, bottom, accent, size=(1600, 1000)):
    """A soft vertical gradient with one blurred circle: calm, and small as a JPEG."""
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / (height - 1)
        eased = 0.5 - math.cos(math.pi * t) / 2
        colour = tuple(round(a + (b - a) * eased) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    glow = PILImage.new("L", size, 0)
    ImageDraw.Draw(glow).ellipse(
        [width * 0.52, height * 0.18, width * 0.92, height * 0.82], fill=150
    )
    glow = glow.filter(ImageFilter.GaussianBlur(radius=width // 12))
    picture = PILImage.composite(PILImage.new("RGB", size, accent), picture, glow)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    return buffer


def get_or_create_picture(title, top, bottom, accent, filename):
    """The generated picture with this title, made once."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description="")
        image.file = ImageFile(gradient_picture(top, bottom, accent), name=filename)
        image.save()
    return image


def get_or_create_child(parent, page_class, slug, **fields):
    """Create and publish the child page with this slug unless it exists (editors' changes stay)."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page
