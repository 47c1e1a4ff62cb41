"""
The rich-text editor in the admin's language, in a real Chromium: its toolbar buttons are
named (title and aria-label) and its link dialog worded in Arabic and Farsi for staff who
use the admin in those languages, and laid out right to left; in English they stay English.
"""

import pytest

from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTONS = """
el => Object.fromEntries([...el.querySelectorAll('.prose-menubar__button[data-name]')]
  .map(b => [b.dataset.name, [b.getAttribute('title'), b.getAttribute('aria-label')]]))
"""
NAMES = {
    "ar": {
        "heading2": "عنوان ٢",
        "heading3": "عنوان ٣",
        "heading4": "عنوان ٤",
        "paragraph": "فقرة",
        "bulletList": "قائمة نقطية",
        "orderedList": "قائمة مرقّمة",
        "orderedListProperties": "خصائص القائمة",
        "blockquote": "اقتباس",
        "horizontalRule": "خط أفقي",
        "bold": "غامق",
        "italic": "مائل",
        "link": "رابط",
        "unlink": "إزالة الرابط",
        "history:undo": "تراجع",
        "history:redo": "إعادة",
    },
    "fa": {
        "heading2": "عنوان ۲",
        "heading3": "عنوان ۳",
        "heading4": "عنوان ۴",
        "paragraph": "پاراگراف",
        "bulletList": "فهرست نشانه\u200cدار",
        "orderedList": "فهرست شماره\u200cدار",
        "orderedListProperties": "ویژگی\u200cهای فهرست",
        "blockquote": "نقل\u200cقول",
        "horizontalRule": "خط افقی",
        "bold": "پررنگ",
        "italic": "کج",
        "link": "پیوند",
        "unlink": "حذف پیوند",
        "history:undo": "واگرد",
        "history:redo": "ازنو",
    },
    "en": {
        "heading2": "Heading 2",
        "heading3": "Heading 3",
        "heading4": "Heading 4",
        "paragraph": "Paragraph",
        "bulletList": "Bullet list",
        "orderedList": "Numbered list",
        "orderedListProperties": "List properties",
        "blockquote": "Quote",
        "horizontalRule": "Horizontal line",
        "bold": "Bold",
        "italic": "Italic",
        "link": "Link",
        "unlink": "Remove link",
        "history:undo": "Undo",
        "history:redo": "Redo",
    },
}
LINK_DIALOG = {
    "ar": ("تحرير الرابط", ["عنوان الرابط (URL)", "العنوان"], ["تحديث", "إلغاء"]),
    "fa": ("ویرایش پیوند", ["نشانی (URL)", "عنوان"], ["به\u200cروزرسانی", "انصراف"]),
    "en": ("Edit link", ["URL", "Title"], ["Update", "Cancel"]),
}
DIRECTION = {"ar": "rtl", "fa": "rtl", "en": "ltr"}
CORNERS = (
    "el => [getComputedStyle(el).borderTopLeftRadius, getComputedStyle(el).borderTopRightRadius]"
)


@pytest.fixture
def staff_page(page):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    return page


def use_admin_in(page, language):
    """Arabic as the browser's language; Farsi as the staff member's choice in the admin."""
    if language == "ar":
        page.context.set_extra_http_headers({"Accept-Language": "ar"})
    elif language == "fa":
        page.goto("/admin/")
        page.select_option("select[name=language]", "fa")
        page.locator("form.admin-language button").click()


def open_editor(page, article, language):
    page.goto(f"/admin/articles/article/{article.pk}/change/?language={language}")
    toolbar = page.locator(".rich-text-editor .prose-menubar").first
    toolbar.wait_for()
    return toolbar


@pytest.mark.parametrize("admin_language", ["ar", "fa", "en"])
def test_the_toolbar_buttons_are_named_in_the_admins_language(staff_page, admin_language):
    page = staff_page
    use_admin_in(page, admin_language)
    article = ArticleFactory(languages={"en": "draft"})
    toolbar = open_editor(page, article, "en")
    assert page.locator("html").get_attribute("lang") == admin_language
    buttons = toolbar.evaluate(BUTTONS)
    # Every button the toolbar of our configuration has, and each named in the admin's
    # language in both its tooltip and its accessible name.
    assert buttons == {name: [text, text] for name, text in NAMES[admin_language].items()}
    # The toolbar reads in the admin's direction; the English text keeps its own.
    assert toolbar.evaluate("el => getComputedStyle(el).direction") == DIRECTION[admin_language]
    area = page.locator(".rich-text-editor [contenteditable=true]").first
    assert area.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # A group's first button (Heading 2) is rounded on the side it starts from.
    corners = toolbar.locator("[data-name=heading2]").evaluate(CORNERS)
    assert corners == ({"rtl": ["0px", "4px"], "ltr": ["4px", "0px"]})[DIRECTION[admin_language]]


@pytest.mark.parametrize("admin_language", ["ar", "fa", "en"])
def test_the_link_dialog_is_worded_in_the_admins_language(staff_page, admin_language):
    page = staff_page
    use_admin_in(page, admin_language)
    article = ArticleFactory(languages={"en": {"state": "draft", "body": "<p>Read the report</p>"}})
    open_editor(page, article, "en")
    page.locator(".rich-text-editor [contenteditable=true]").first.click()
    page.keyboard.press("End")
    for _ in range(len("report")):
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".prose-menubar__button[data-name=link]").first.click()
    dialog = page.locator("dialog[open]")
    title, labels, buttons = LINK_DIALOG[admin_language]
    assert dialog.locator(".prose-editor-dialog-title").inner_text() == title
    assert dialog.locator("label").all_inner_texts() == labels
    assert dialog.locator("button").all_inner_texts() == buttons
    assert dialog.evaluate("el => getComputedStyle(el).direction") == DIRECTION[admin_language]
    # An address reads left to right in any admin.
    assert dialog.locator("input[name=href]").get_attribute("dir") == "ltr"


def test_the_admins_own_scripts_keep_djangos_gettext(staff_page):
    page = staff_page
    use_admin_in(page, "fa")
    article = ArticleFactory(languages={"en": "draft"})
    open_editor(page, article, "en")
    # The editor's texts answer only the editor: once it has read them, the page's gettext
    # is the admin's catalogue again, which has its own words and not the editor's.
    assert page.evaluate("() => gettext('Today')") == "امروز"
    assert page.evaluate("() => gettext('Update')") == "Update"


def test_the_side_by_side_view_names_the_toolbar_in_the_admins_language(staff_page):
    page = staff_page
    use_admin_in(page, "fa")
    article = ArticleFactory(languages={"en": "draft", "ar": "draft"})
    page.goto(f"/admin/articles/article/{article.pk}/translate/ar/")
    toolbar = page.locator(".rich-text-editor[dir=rtl] .prose-menubar").first
    toolbar.wait_for()
    buttons = toolbar.evaluate(BUTTONS)
    assert buttons["bold"] == ["پررنگ", "پررنگ"]
    assert buttons["history:undo"] == ["واگرد", "واگرد"]
