"""Template tags for type: the web font to preload, mixed-direction text."""

from django import template
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html

from core import bidi, i18n

register = template.Library()

# The face most of a page's text is set in (static/css/fonts.css, fonts/README.md). Arabic
# and Farsi pages are set in it throughout; English pages only in their running text (the
# interface is the system's sans-serif), so they ask for it where they have such text.
MAIN_FACE = {
    "ar": "fonts/noto-naskh-arabic-arabic-400-normal.woff2",
    "fa": "fonts/vazirmatn-arabic-400-normal.woff2",
    "en": "fonts/source-serif-4-latin-400-normal.woff2",
}
TEXT_ONLY = {"en"}


@register.simple_tag
def font_preload(text=False):
    """
    <link rel="preload"> for the page language's main face, fetched with the stylesheet
    rather than after it. Only where the page uses it (an unused preload wastes the
    download). Fonts are fetched in CORS mode, so the preload must be too (crossorigin).
    """
    language = translation.get_language()
    path = MAIN_FACE.get(language)
    if path is None or (language in TEXT_ONLY and not text):
        return ""
    return format_html(
        '<link rel="preload" href="{}" as="font" type="font/woff2" crossorigin>', static(path)
    )


@register.filter
def isolate(value, direction=None):
    """
    Escape value, with each run of the other direction in <bdi> (core.bidi). direction is
    the text's own, "rtl" or "ltr"; by default the page language's.
    """
    return bidi.isolate(value, direction or i18n.direction_of(translation.get_language()))
