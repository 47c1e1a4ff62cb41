"""Form pieces shared by the content admins: the rich-text field and its editor."""

from django.utils.html import format_html, json_script
from django.utils.translation import get_language_bidi, pgettext
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset.media import Media

from core.html import EDITOR_EXTENSIONS, render_rich_text, sanitize_html
from core.i18n import localize_digits


def editor_labels() -> dict:
    """
    Return the editor's own texts in the active language, and its direction.

    django-prose-editor writes its toolbar buttons' names in English (no hook), so
    static/js/editor-labels.js renames each button by its data-name from "buttons"; its
    dialogs ask window.gettext, which that script answers from "messages" (keyed by the
    package's English). Heading levels go up to 6 so any configured level has a name.
    """
    # Translators: a toolbar button that makes a heading of that level (2: a section).
    heading = pgettext("rich-text editor", "Heading %(level)s")
    buttons = {
        f"heading{level}": heading % {"level": localize_digits(str(level))} for level in range(1, 7)
    }
    buttons |= {
        "paragraph": pgettext("rich-text editor", "Paragraph"),
        "bulletList": pgettext("rich-text editor", "Bullet list"),
        "orderedList": pgettext("rich-text editor", "Numbered list"),
        "orderedListProperties": pgettext("rich-text editor", "List properties"),
        "blockquote": pgettext("rich-text editor", "Quote"),
        "horizontalRule": pgettext("rich-text editor", "Horizontal line"),
        "bold": pgettext("rich-text editor", "Bold"),
        "italic": pgettext("rich-text editor", "Italic"),
        "link": pgettext("rich-text editor", "Link"),
        "unlink": pgettext("rich-text editor", "Remove link"),
        "history:undo": pgettext("rich-text editor", "Undo"),
        "history:redo": pgettext("rich-text editor", "Redo"),
    }
    messages = {
        # The link dialog.
        "Edit Link": pgettext("rich-text editor", "Edit link"),
        "URL": pgettext("rich-text editor", "URL"),
        # Translators: the link's title, which browsers show when the pointer rests on it.
        "Title": pgettext("rich-text editor", "Title"),
        "Update": pgettext("rich-text editor", "Update"),
        "Cancel": pgettext("rich-text editor", "Cancel"),
        # The numbered list's properties dialog.
        "List properties": buttons["orderedListProperties"],
        "Start at": pgettext("rich-text editor", "Start at"),
        "List type": pgettext("rich-text editor", "List type"),
        "Bullets": pgettext("rich-text editor", "Bullets"),
    }
    direction = "rtl" if get_language_bidi() else "ltr"
    return {"dir": direction, "buttons": buttons, "messages": messages}


class RichTextWidget(AdminProseEditorWidget):
    """
    The ProseMirror editor: its text in the direction of the language being edited, its
    toolbar and dialogs in the admin's language and direction.
    """

    class Media:
        # Names the editor's editable area after the field's label and its buttons and
        # dialogs in the admin's language (accessibility). A classic script, so it runs
        # before the editor's modules read window.gettext.
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
        # The editor's texts ride in a JSON data block first inside the wrapper, for
        # static/js/editor-labels.js.
        return format_html(
            '<div class="rich-text-editor" dir="{}">{}{}</div>',
            direction,
            json_script(editor_labels()),
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
