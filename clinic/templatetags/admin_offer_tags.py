"""What the admin offers a person: only the actions their permissions let them finish.

Wagtail lists every registered bulk action under a page listing, whatever the person may do,
and its dashboard always shows a "Search all pages" box; a Clinician pressing bulk Publish, or
a Booking manager searching pages, met "permission denied". The admin's own templates
(templates/wagtailadmin/) call these tags instead.
"""

from django import template
from django.urls import reverse
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

register = template.Library()

# Page bulk actions and the page permission (on some page) a person needs to be offered them.
PAGE_ACTION_PERMISSIONS = {"publish": "publish", "unpublish": "publish"}


def refused_action_urls(user, app_label, model_name):
    """The addresses of the bulk actions this person could use on no page."""
    if (app_label, model_name) != (Page._meta.app_label, Page._meta.model_name):
        return set()
    policy = PagePermissionPolicy()
    return {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action])
        for action, permission in PAGE_ACTION_PERMISSIONS.items()
        if not policy.user_has_permission(user, permission)
    }


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def usable_bulk_action_choices(context, app_label, model_name):
    """Wagtail's bulk action buttons (and its "More" menu), less those this person cannot use."""
    choices = bulk_action_choices(context, app_label, model_name)
    refused = refused_action_urls(context["request"].user, app_label, model_name)
    if not refused:
        return choices
    buttons = []
    for button in choices["buttons"]:
        if getattr(button, "url", None) in refused:
            continue
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [b for b in button.dropdown_buttons if b.url not in refused]
            if not button.dropdown_buttons:
                continue
        buttons.append(button)
    return {**choices, "buttons": buttons}


@register.simple_tag(takes_context=True)
def can_search_pages(context):
    """Wagtail's own rule for its page search (the sidebar's Pages search area)."""
    return user_has_any_page_permission(context["request"].user)
