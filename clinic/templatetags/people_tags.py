"""Links to the clinicians' profiles (clinic/editorial/people.py, Person.profile_url)."""

from django import template
from django.utils.html import format_html

from clinic.editorial.people import site_clinic_settings

register = template.Library()


def clinic_settings(context):
    return context.get("cs") or site_clinic_settings(context.get("request"))


@register.simple_tag(takes_context=True)
def profile_url(context, person):
    """The person's profile address, or "" when there is none to link to."""
    return person.profile_url(clinic_settings(context)) if person else ""


@register.simple_tag(takes_context=True)
def person_link(context, person):
    """The person's name, a link to their profile when they have one; then the credentials."""
    if not person:
        return ""
    url = person.profile_url(clinic_settings(context))
    name = format_html('<a href="{}">{}</a>', url, person.name) if url else person.name
    if person.credentials:
        return format_html("{}, {}", name, person.credentials)
    return format_html("{}", name)
