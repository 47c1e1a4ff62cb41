"""
{% fragment "name" %}…{% endfragment %}: a part of a page cached by its tags (core.fragments).

The view decides: it puts in the context `fragments`, the page's fragments it found
current ({name: html}), or `fragments_pending` (core.fragments.Pending) to render and
store them; a fragment found is written as it was stored, a pending one rendered and kept,
and any other (a preview, an event's page) just rendered.
"""

from django import template

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        found = context.get("fragments") or {}
        if self.name in found:
            return found[self.name]
        pending = context.get("fragments_pending")
        if pending is None:
            return self.nodelist.render(context)
        return pending.render(self.name, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" %}…{% endfragment %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)
