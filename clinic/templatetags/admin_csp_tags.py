"""`{% admin_script_nonce %}`: the nonce attribute for an inline script Wagtail's admin prints.

Only the admin's own script templates (clinic/templates/wagtailadmin/) use it; see
clinic/serving/csp.py.
"""

from django import template

from clinic.serving.csp import admin_script_nonce as nonce_attribute

register = template.Library()


@register.simple_tag
def admin_script_nonce():
    return nonce_attribute()
