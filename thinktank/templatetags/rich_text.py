"""{{ article.body|sanitize }}: rich text through the allowlist, safe to render."""

from django import template

from thinktank.html import render_rich_text

register = template.Library()


@register.filter(is_safe=True)
def sanitize(value):
    """Render stored rich text through the nh3 allowlist (never use |safe for it)."""
    return render_rich_text(value)
