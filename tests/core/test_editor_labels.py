"""
The rich-text editor's own texts (toolbar names, dialog texts) come from our catalogues in
the admin's language, rendered with the widget for static/js/editor-labels.js; the text
being edited keeps its own direction.
"""

import json
import re
from html import unescape

import pytest
from django.utils import translation

from core.forms import RichTextField
from core.html import EDITOR_EXTENSIONS

# The toolbar's buttons for core/html.py's EDITOR_EXTENSIONS, by the data-name the package
# gives each (its Menu, headings, lists, marks, Link and History).
TOOLBAR = {
    *(f"heading{level}" for level in EDITOR_EXTENSIONS["Heading"]["levels"]),
    "paragraph", "bulletList", "orderedList", "orderedListProperties", "blockquote",
    "horizontalRule", "bold", "italic", "link", "unlink", "history:undo", "history:redo",
}  # fmt: skip
# The package's English texts of the link and list-properties dialogs (its gettext calls).
DIALOGS = {"Edit Link", "URL", "Title", "Update", "Cancel", "List properties", "Start at",
           "List type", "Bullets"}  # fmt: skip
DATA = re.compile(r'<div class="rich-text-editor" dir="(\w+)"><script type="application/json">'
                  r"(.*?)</script>", re.DOTALL)  # fmt: skip


def render(language, direction="ltr", **attrs):
    widget = RichTextField().widget
    with translation.override(language):
        return widget.render("body", "<p>Text</p>", {"id": "id_body", "dir": direction, **attrs})


def labels_in(html):
    found = DATA.search(html)
    assert found, html[:300]
    return found.group(1), json.loads(unescape(found.group(2)))


@pytest.mark.parametrize(
    ("language", "bold", "heading", "edit_link"),
    [
        ("ar", "غامق", "عنوان ٢", "تحرير الرابط"),
        ("fa", "پررنگ", "عنوان ۲", "ویرایش پیوند"),
        ("en", "Bold", "Heading 2", "Edit link"),
    ],
)
def test_the_editor_carries_its_texts_in_the_admins_language(language, bold, heading, edit_link):
    _, labels = labels_in(render(language))
    assert labels["buttons"]["bold"] == bold
    assert labels["buttons"]["heading2"] == heading
    assert labels["messages"]["Edit Link"] == edit_link


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_every_toolbar_button_and_dialog_text_is_translated(language):
    _, english = labels_in(render("en"))
    _, translated = labels_in(render(language))
    assert set(translated["buttons"]) >= TOOLBAR
    assert set(translated["messages"]) >= DIALOGS
    for name in TOOLBAR:
        assert translated["buttons"][name] != english["buttons"][name], name
    for text in DIALOGS:
        assert translated["messages"][text] != english["messages"][text], text


def test_the_toolbar_follows_the_admins_direction_and_the_text_its_own():
    field_direction, labels = labels_in(render("ar", direction="ltr"))
    assert (field_direction, labels["dir"]) == ("ltr", "rtl")  # English text, Arabic admin
    field_direction, labels = labels_in(render("en", direction="rtl"))
    assert (field_direction, labels["dir"]) == ("rtl", "ltr")  # Arabic text, English admin


def test_a_locked_field_shows_no_editor_and_no_texts():
    html = render("ar", disabled=True)
    assert "rich-text-readonly" in html
    assert "application/json" not in html
