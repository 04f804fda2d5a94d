"""The demo site's loading kit: the documents in content/ become pages, and pictures are drawn.

Each app's demo.py says which documents become which of its pages; this module reads
them, creates what is missing and resolves what they refer to. Pages are made in two
steps, so a document can link to a page that comes later in the menu: every new page is
created first, then filled from its document and published once all of them exist.
Pages that already exist are left as they are, so editors' changes stay.

Pictures are drawn here with Pillow: nothing is downloaded.
"""

import io
import math
import random
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.functional import cached_property
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from clinic import documents
from clinic.editorial.fees import Fee
from clinic.editorial.references import Reference
from clinic.editorial.reviewed_content import content_fingerprint

# The front-matter fields of a page that had a clinical review.
REVIEW_FIELDS = {"last_reviewed", "next_review_due", "reviewer"}
# A fee in content/fees.yaml: its key (what documents name it by), then the Fee's fields.
FEE_FIELDS = {"key", "service", "price_from", "price_to", "unit", "included", "insurance"}
# A source in content/references.yaml: its key (what documents name it by), then the
# Reference's fields.
REFERENCE_FIELDS = {"key", "authors", "title", "publisher", "year", "details", "url", "doi"}
REFERENCE_FIELDS |= {"pmid", "kind", "accessed"}


def content_dir():
    return Path(getattr(settings, "DEMO_CONTENT_DIR", settings.BASE_DIR / "content"))


class DemoContent:
    """The content folder, read and checked up front, and the pages made from it."""

    def __init__(self, root=None):
        self.root = Path(root or content_dir())
        self.documents = {
            path.relative_to(self.root).with_suffix("").as_posix(): documents.read(path, self.root)
            for path in sorted(self.root.rglob("*.md"))
            if path.name != "README.md"
        }
        self.pictures = self.data("pictures.yaml")
        self.unread = set(self.documents)  # so a document no section loads is not lost
        self.to_fill = []  # (page, document, fill) for pages created in this run

    def data(self, name):
        return documents.read_yaml(self.root / name, self.root)

    def records(self, name, allowed, required=()):
        """A YAML file of records (a list of them, or one), each with known fields only."""
        data = self.data(name)
        where = f"{self.root.name}/{name}"
        text = (self.root / name).read_text(encoding="utf-8").splitlines()
        for record in data if isinstance(data, list) else [data]:
            if not isinstance(record, dict):
                raise documents.DocumentError(where, 1, "each record is 'field: value' lines")
            for key in set(record) - set(allowed):
                line = next(
                    (n for n, t in enumerate(text, 1) if t.lstrip("- ").startswith(f"{key}:")), 1
                )
                raise documents.DocumentError(where, line, f"unknown field '{key}'")
            for key in set(required) - set(record):
                raise documents.DocumentError(where, 1, f"a record needs '{key}'")
        return data

    def document(self, name):
        """The document content/<name>.md, e.g. 'treatments/index'."""
        try:
            doc = self.documents[name]
        except KeyError:
            raise documents.DocumentError(f"{self.root.name}/{name}.md", 1, "missing") from None
        self.unread.discard(name)
        return doc

    def section(self, folder):
        """The documents of a folder other than its index, in file-name order."""
        prefix = f"{folder}/"
        names = [
            name
            for name in self.documents
            if name.startswith(prefix)
            and name != f"{folder}/index"
            and "/" not in name[len(prefix) :]
        ]
        return [self.document(name) for name in names]

    def page(self, parent, page_class, doc, fill=None, **fields):
        """The child of parent made from doc: created (not yet live) unless it exists."""
        page = page_class.objects.child_of(parent).filter(slug=doc.slug).first()
        if page is None:
            title, seo_title = doc.require("title"), doc.meta.get("seo_title") or ""
            page = page_class(slug=doc.slug, title=title, seo_title=seo_title, live=False, **fields)
            parent.add_child(instance=page)
            self.to_fill.append((page, doc, fill))
        return page

    def finish(self):
        """Fill every page created in this run from its document, and publish it; describe
        the pictures drawn before they had descriptions."""
        for page, doc, fill in self.to_fill:
            if doc.blocks and hasattr(page, "body"):
                page.body = self.body(doc)
            if fill:
                fill(page)
            if getattr(page, "last_reviewed", None):  # the review its document records
                page.reviewed_fingerprint = content_fingerprint(page)
            page.save_revision().publish()
            page.refresh_from_db()  # publishing saved a copy: the caller's page is live too
        self.to_fill.clear()
        self.describe_pictures()

    def check_all_read(self):
        for name in sorted(self.unread):
            raise documents.DocumentError(
                f"{self.root.name}/{name}.md", 1, "no part of the demo site loads this document"
            )

    def body(self, doc):
        return documents.stream(
            doc, self.find_page, self.picture, resolve_fee=self.fee, resolve_source=self.source
        )

    @cached_property
    def site_root_path(self):
        return Site.objects.get(is_default_site=True).root_page.url_path

    def find_page(self, doc, link):
        url_path = self.site_root_path + link.path.lstrip("/")
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise doc.error(link.line, f"no page at {link.path}")
        return page.specific

    @cached_property
    def fees(self):
        """content/fees.yaml as {key: Fee}, sorted on the fees page in the file's order."""
        return self.snippets(
            "fees.yaml", Fee, FEE_FIELDS, {"key", "service", "price_from"}, "service", "fee"
        )

    def fee(self, doc, ref):
        """The Fee a `::: fees` section names by its key."""
        fee = self.fees.get(ref.key)
        if fee is None:
            raise doc.error(ref.line, f"unknown fee '{ref.key}' (see content/fees.yaml)")
        return fee

    @cached_property
    def references(self):
        """content/references.yaml as {key: Reference}."""
        return self.snippets(
            "references.yaml", Reference, REFERENCE_FIELDS, {"key", "title", "accessed"}, "title"
        )

    def source(self, doc, ref):
        """The Reference a `::: sources` section names by its key."""
        reference = self.references.get(ref.key)
        if reference is None:
            raise doc.error(ref.line, f"unknown source '{ref.key}' (see content/references.yaml)")
        return reference

    def snippets(self, name, model, allowed, required, match, label=""):
        """A YAML file of snippets that documents name by their `key`, as {key: instance}.

        A snippet that exists (the same `match` field) is left as editors left it; a new one is
        checked by the model's own rules, a broken record named by its file and line, and saved
        with a sort order in the file's order when the model has one."""
        where = f"{self.root.name}/{name}"
        lines = (self.root / name).read_text(encoding="utf-8").splitlines()
        records = self.records(name, allowed, required=required)
        found = {}
        for order, record in enumerate(records if isinstance(records, list) else [records], 1):
            fields = dict(record)
            key = str(fields.pop("key"))
            at = next((n for n, text in enumerate(lines, 1) if text.endswith(f"key: {key}")), 1)
            if key in found:
                raise documents.DocumentError(where, at, f"the key '{key}' is used twice")
            found[key] = model.objects.filter(**{match: fields[match]}).first()
            if found[key] is None:
                if hasattr(model, "sort_order"):
                    fields["sort_order"] = order * 10
                prefix = f"{label} '{key}': " if label else ""
                found[key] = new_snippet(model(**fields), where, at, prefix)
        return found

    def picture(self, doc, ref):
        """The picture a document names, drawn the first time it is used."""
        return self.named_picture(ref.key, doc.path, ref.line)

    def named_picture(self, key, where, line):
        """The picture pictures.yaml calls `key`, drawn the first time it is used, with its
        description (its alt text)."""
        spec = self.pictures.get(key)
        if not isinstance(spec, dict):
            problem = f"unknown picture '{key}' (see content/pictures.yaml)"
            raise documents.DocumentError(where, line, problem)
        Image = get_image_model()
        image = Image.objects.filter(title=spec["title"]).first()
        if image is None:
            drawn = gradient(*spec["gradient"]) if "gradient" in spec else shapes(**spec["shapes"])
            image = Image(title=spec["title"], description=spec.get("description", ""))
            image.file = ImageFile(drawn, name=spec["file"])
            image.save()
        return image

    def describe_pictures(self):
        """Pictures drawn before they had descriptions get them; an editor's own stay."""
        specs = {spec["title"]: spec for spec in self.pictures.values() if isinstance(spec, dict)}
        undescribed = get_image_model().objects.filter(title__in=specs, description="")
        for image in undescribed:
            if description := specs[image.title].get("description", ""):
                image.description = description
                image.save(update_fields=["description"])


def new_snippet(snippet, where, at, prefix):
    """The snippet saved, once the model's own rules accept it."""
    try:
        snippet.full_clean()
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
        raise documents.DocumentError(where, at, prefix + problems) from None
    snippet.save()
    return snippet


def gradient(top, bottom, accent, size=(1600, 1000)):
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
    picture = PILImage.composite(PILImage.new("RGB", size, tuple(accent)), picture, glow)
    return jpeg(picture, quality=82)


def shapes(seed, background, colours):
    """Seven soft overlapping circles, the same on every machine for the same seed."""
    rng = random.Random(seed)
    # Drawn and blurred at a quarter of the size, then enlarged: smooth, and quick to make.
    width, height = 400, 250
    canvas = PILImage.new("RGB", (width, height), background)
    layer = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(layer)
    for shape in range(7):
        colour = colours[shape % len(colours)]
        radius = rng.randint(40, 105)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    layer = layer.filter(ImageFilter.GaussianBlur(22))
    canvas = PILImage.blend(canvas, layer, 0.9).resize((1600, 1000), PILImage.Resampling.BICUBIC)
    return jpeg(canvas, quality=86)


def jpeg(picture, quality):
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=quality)
    return buffer


def load_section(section, home_page):
    """One app's demo section on its own (for tests and scripts), filled and published."""
    content = DemoContent()
    loaded = section.load(content, home_page)
    content.finish()
    return loaded
