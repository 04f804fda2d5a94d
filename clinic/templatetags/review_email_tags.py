"""What the clinical review emails (templates/wagtailadmin/notifications/) need beyond Wagtail's
context: the reviewer's decision for an approval, and the page's public path, which the emails
join to WAGTAILADMIN_BASE_URL like every other link they carry."""

from django import template
from wagtail.models import Page, TaskState

register = template.Library()


@register.simple_tag
def review_decision(obj):
    """The latest finished review step of this page (an approval or a request for changes),
    with the reviewer (`finished_by`) and their comment; None if there is none."""
    if obj is None:
        return None
    finished = TaskState.objects.for_instance(obj).filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]
    )
    return finished.select_related("finished_by").order_by("-finished_at", "-pk").first()


@register.simple_tag
def live_path(page):
    """The page's path from the site root when it is live now, else "" (an approval may
    schedule it for later). Read afresh: the email's copy predates the publish."""
    page = Page.objects.filter(pk=page.pk, live=True).first()
    if page is None:
        return ""
    parts = page.get_url_parts()
    return parts[2] if parts else ""
