"""`link_citations`: a rendered body's "[n]" citations linked to its sources and back."""

from django import template

from clinic.editorial.citations import link_citations as link

register = template.Library()


@register.filter(is_safe=True)
def link_citations(html):
    """Use as {% filter link_citations %}...{% endfilter %} around a rendered body."""
    return link(html)
