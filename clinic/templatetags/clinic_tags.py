import re

from django import template

register = template.Library()


@register.filter
def tel_href(number):
    """A phone number as dialled: digits and a leading plus, e.g. '(555) 010-0140' → 5550100140."""
    number = str(number or "")
    digits = re.sub(r"[^\d]", "", number)
    return f"+{digits}" if number.strip().startswith("+") else digits
