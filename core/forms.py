"""Form pieces shared by the content admins: the rich-text field and its editor."""

from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset.media import Media

from core.html import EDITOR_EXTENSIONS, render_rich_text, sanitize_html


class RichTextWidget(AdminProseEditorWidget):
    """The ProseMirror editor, in the text direction of the language being edited."""

    class Media:
        # Names the editor's editable area after the field's label (accessibility).
        js = ["js/editor-labels.js"]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.attrs, **(attrs or {})}
        direction = attrs.get("dir", "ltr")
        if attrs.get("disabled"):
            # A locked field: show the text as readers will see it, not a dead editor.
            return format_html(
                '<div class="rich-text-readonly" dir="{}">{}</div>',
                direction,
                render_rich_text(value),
            )
        return format_html(
            '<div class="rich-text-editor" dir="{}">{}</div>',
            direction,
            super().render(name, value, attrs, renderer),
        )


class RichTextField(ProseEditorFormField):
    """Rich text with headings, bold, italic, lists, links and quotes; sanitized on clean."""

    def __init__(self, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_html)
        kwargs.setdefault("widget", RichTextWidget)
        super().__init__(**kwargs)


def nonced_media(request, media):
    """
    Return media with the request's CSP nonce: the rich-text editor needs an inline import
    map, which the Content Security Policy lets through only with the nonce.
    """
    nonce = getattr(request, "csp_nonce", None)
    return media if nonce is None else Media.from_media(media, nonce=nonce)


class RichTextAdminMixin:
    """For admins with rich-text fields: the editor's media carry the request's nonce."""

    def render_change_form(self, request, context, *args, **kwargs):
        if "media" in context:
            context["media"] = nonced_media(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)
