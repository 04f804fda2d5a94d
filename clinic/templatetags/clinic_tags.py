import re
from urllib.parse import quote

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def tel_href(number):
    """A phone number as dialled: digits and a leading plus, e.g. '(555) 010-0140' → 5550100140."""
    number = str(number or "")
    digits = re.sub(r"[^\d]", "", number)
    return f"+{digits}" if number.strip().startswith("+") else digits


@register.filter
def sms_href(number, text=""):
    """A number to text, with the word to send written in: `sms:{{ n|sms_href:word }}` opens
    the message ready to send. "?&body=" is read by iOS and Android messaging apps alike.
    (Templates test the word with {% if %} first: a missing filter argument is an error, and
    a copy kept for outages by an earlier release has no word.)"""
    number = tel_href(number)
    return f"{number}?&body={quote(text)}" if text else number


@register.simple_tag
def today():
    """Today's date in the current time zone, for the `date` filter: `{% now %}` takes only a
    literal format, so it cannot use a translated one (Spanish: "3 de marzo de 2026")."""
    return timezone.localdate()
