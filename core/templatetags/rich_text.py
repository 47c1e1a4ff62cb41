"""{{ article.body|sanitize }}, {{ bio|sanitize_inline }}: rich text through the allowlist."""

from django import template

from core.html import render_inline_text, render_rich_text

register = template.Library()


@register.filter(is_safe=True)
def sanitize(value):
    """Render stored rich text through the nh3 allowlist (never use |safe for it)."""
    return render_rich_text(value)


@register.filter(is_safe=True)
def sanitize_inline(value):
    """Render rich text for use inside a paragraph: links and emphasis only, no blocks."""
    return render_inline_text(value)
