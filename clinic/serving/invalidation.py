"""What makes the page cache forget every page (clinic.serving.pagecache.invalidate).

Pages: published, unpublished, moved, deleted, or a live page saved by code (demo loaders,
shell, data migrations) rather than through publish. A draft save of a live page does not
change what visitors see and is ignored.

Models that pages show: PAGE_CACHE_INVALIDATED_BY in the settings, as "app_label.Model"
(clinic settings, people, the medical disclaimer, fees, sources, topics, tags, images, sites,
privacy rules).
A label whose app is not installed is skipped, so `clinic` depends on no app.

Renditions deleted (a purge): cached fragments that name their files are rendered anew
(clinic.serving.fragments). Publishing a page or changing an image makes the renditions its pages
show (clinic.serving.warm_renditions).
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from clinic.serving import fragments, pagecache, warm_renditions
from clinic.serving.pagecache import DRAFT_ONLY_FIELDS, IMAGE_BOOKKEEPING_FIELDS


def on_page_event(sender, instance=None, **kwargs):
    pagecache.invalidate(f"{sender.__name__} {getattr(instance, 'pk', '')}")


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    pagecache.invalidate(f"live page {instance.pk} saved")


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pagecache.invalidate(f"page {instance.pk} deleted")


def on_shown_model_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS:
        return  # Wagtail filling in an image's size or hash while rendering
    pagecache.invalidate(f"{sender._meta.label} {instance.pk} changed")


def on_shown_links_changed(sender, instance, action, **kwargs):
    # A many-to-many change (a fee linked to a treatment) is saved after the row itself.
    if action.startswith("post_"):
        pagecache.invalidate(f"{type(instance)._meta.label} {instance.pk} links changed")


def on_rendition_deleted(sender, instance, **kwargs):
    fragments.bump_version()


def invalidating_models():
    for label in getattr(settings, "PAGE_CACHE_INVALIDATED_BY", ()):
        try:
            yield apps.get_model(label)
        except LookupError:
            continue


def connect():
    page_published.connect(on_page_event, dispatch_uid="pagecache_published")
    # Pictures are resized when a page is published, not when a visitor asks for them.
    page_published.connect(warm_renditions.on_page_published, dispatch_uid="warm_renditions")
    post_save.connect(
        warm_renditions.on_image_changed, sender=get_image_model(), dispatch_uid="warm_image"
    )
    page_unpublished.connect(on_page_event, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="pagecache_moved")
    # Page subclasses send their own signals: listen to all senders, keep the pages.
    post_save.connect(on_page_saved, dispatch_uid="pagecache_page_saved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache_page_deleted")
    rendition_model = get_image_model().get_rendition_model()
    post_delete.connect(on_rendition_deleted, sender=rendition_model, dispatch_uid="fragments")
    for model in invalidating_models():
        uid = f"pagecache_{model._meta.label_lower}"
        post_save.connect(on_shown_model_changed, sender=model, dispatch_uid=uid + "_saved")
        post_delete.connect(on_shown_model_changed, sender=model, dispatch_uid=uid + "_deleted")
        for field in model._meta.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue  # a tag manager's own table: its rows are not what pages show
            m2m_changed.connect(
                on_shown_links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}_{field.name}_links",
            )
