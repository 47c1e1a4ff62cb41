"""{% responsive_image article.hero_image alt sizes="..." %}: <picture> with WebP renditions."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html

from core.images import renditions, srcset

register = template.Library()


@register.simple_tag
def responsive_image(image, alt, sizes="100vw", css_class="", loading="lazy"):
    """
    Render an uploaded image as <picture>: WebP renditions in a srcset, the original as
    the fallback <img>. Renders nothing when there is no image.
    """
    if not image:
        return ""
    name = getattr(image, "name", image)
    url = image.url if hasattr(image, "url") else default_storage.url(name)
    info = renditions(name)
    width, height = info["original"] if info and info["original"] else ("", "")
    img = format_html(
        '<img src="{}" alt="{}"{}{}{} loading="{}" decoding="async">',
        url,
        alt or "",
        format_html(' width="{}"', width) if width else "",
        format_html(' height="{}"', height) if height else "",
        format_html(' class="{}"', css_class) if css_class else "",
        loading,
    )
    if not info or not info["renditions"]:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        srcset(info),
        sizes,
        img,
    )
