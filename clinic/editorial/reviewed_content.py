"""Reviewed means this version: what a health page shows visitors is what a reviewer signed off.

A Clinical reviewer's sign-off records a fingerprint of the content it approved (a SHA-256 of
the page's `reviewed_fields`: title, summary or teaser, body with its FAQ, sources and fees,
pictures, and the treatment's facts). A live health page's content may be written only when
its fingerprint is the fingerprint of the page's latest sign-off: any other publish, by any
route or role, is refused (ReviewMissing). SEO fields, the slug, menus, authors, tags, related
pages and the page's place in the tree are not in the fingerprint, so changing them needs no
new review.

Where the latest sign-off is found, in order:
- the newest "clinic.sign_off" entry in the page's history (for an alias: its original's);
- the fingerprint the page carries, for pages never signed off through the workflow (copies
  of a reviewed page, the demo site, tests' factories): a change to one of them changes its
  content's fingerprint, not the one it carries;
- the live row's own content, for pages signed off before fingerprints were recorded.
Reverting to an older version therefore needs a new sign-off unless it is the latest one.
"""

import hashlib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.fields import StreamField
from wagtail.models import PageLogEntry

SIGN_OFF_ACTION = "clinic.sign_off"
# The review record itself: written by the sign-off, never part of what is reviewed.
REVIEW_RECORD_FIELDS = ("last_reviewed", "next_review_due", "reviewer", "reviewed_fingerprint")
CHANGED_SINCE_REVIEW = (
    "This version has changes that no Clinical reviewer has signed off, so it cannot go live. "
    "Submit it for clinical review: a Clinical reviewer's sign-off records the review and "
    "publishes it."
)


# The editor's keys for rich-text paragraphs: they name a paragraph, they are not its words.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def without_block_ids(data):
    """Stream data without the ids of blocks and paragraphs: an id names a part of the page,
    it is not what the part says."""
    if isinstance(data, list):
        return [without_block_ids(item) for item in data]
    if isinstance(data, dict):
        is_block = "type" in data and "value" in data
        return {
            key: without_block_ids(value)
            for key, value in data.items()
            if not (is_block and key == "id")
        }
    if isinstance(data, str):
        return BLOCK_KEY.sub("", data)
    return data


def stream_data(field, page):
    """A StreamField's data in one form, however it was loaded: every block read and written
    back, because raw data (a revision, a row) may lack the defaults an edited block gets."""
    stream = field.stream_block.to_python(field.get_prep_value(field.value_from_object(page)))
    for _block in stream:  # reading each block converts it
        pass
    return without_block_ids(field.stream_block.get_prep_value(stream))


def field_value(page, field):
    if isinstance(field, StreamField):
        return stream_data(field, page)
    if field.is_relation:
        return getattr(page, field.attname)
    return field.value_from_object(page)


def content_fingerprint(page):
    """The SHA-256 of what a reviewer reviews on this page."""
    fields = {name: page._meta.get_field(name) for name in page.reviewed_fields}
    content = {name: field_value(page, field) for name, field in fields.items()}
    text = json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def latest_sign_off(page_id):
    """The newest sign-off entry in a page's history, or None."""
    return (
        PageLogEntry.objects.filter(page_id=page_id, action=SIGN_OFF_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )


def signed_fingerprint(page):
    """The fingerprint of the content this page's latest sign-off approved, or '' if none."""
    source_id = page.alias_of_id or page.pk
    entry = latest_sign_off(source_id) if source_id else None
    if entry is not None and entry.data.get("fingerprint"):
        return entry.data["fingerprint"]
    if page.reviewed_fingerprint:  # a copy of a reviewed page, the demo site, a factory
        return page.reviewed_fingerprint
    row = type(page).objects.filter(pk=source_id).first() if source_id else None
    if row is not None and row.live and row.has_review_metadata:
        return content_fingerprint(row)  # signed off before fingerprints were recorded
    return ""


def is_signed_off(page):
    """Whether this content, as it would go live, is what the page's latest sign-off approved."""
    return page.has_review_metadata and content_fingerprint(page) == signed_fingerprint(page)


def writes_content(page, update_fields):
    return update_fields is None or bool(set(update_fields) & set(page.reviewed_fields))


def unreviewed_fields_check(model):
    """Fields of a health page model that are neither reviewed nor named as not reviewed: a
    new field must be placed on one side, so nothing a visitor reads escapes review by default."""
    named = {*model.reviewed_fields, *model.unreviewed_fields, *REVIEW_RECORD_FIELDS}
    return [
        field.name
        for field in model._meta.local_concrete_fields
        if not field.one_to_one and field.name not in named
    ]
