"""{% fragment "name" input ... %}...{% endfragment %}: a part of a template rendered once per
content and kept in the fragment cache (clinic.serving.fragments), as the cards are.

The inputs name everything the part shows (for a picture: `image|picture_inputs`, its file and
focal point, and the alt text); the name tells apart two fragments of one template. A change
to the template's source is a new key."""

from django import template
from django.utils.safestring import mark_safe

from clinic.serving import fragments

register = template.Library()


@register.filter
def picture_inputs(image):
    return fragments.picture_inputs(image)


class FragmentNode(template.Node):
    def __init__(self, nodelist, template_name, name, inputs):
        self.nodelist, self.template_name = nodelist, template_name
        self.name, self.inputs = name, inputs

    def render(self, context):
        inputs = (self.name, *(value.resolve(context) for value in self.inputs))
        html = fragments.render_many(
            self.template_name,
            [inputs],
            inputs_of=lambda item: item,
            render_missing=lambda missing: [str(self.nodelist.render(context))],
        )
        return mark_safe(html[0])  # noqa: S308 (rendered by our template)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError(
            f'{bits[0]} takes a quoted name and the inputs: {{% fragment "hero" image %}}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    inputs = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(nodelist, parser.origin.template_name, bits[1][1:-1], inputs)
