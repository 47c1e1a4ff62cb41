"""
The rich-text editor in a real Chromium: text typed after a link is plain text, links get
no empty title, headings are labelled buttons (no empty glyph box), and the toolbar of a
right-to-left field stays one row.
"""

import pytest

from articles.models import ArticleTranslation
from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOOLBAR_ROWS = """
el => new Set([...el.querySelectorAll('.prose-menubar__button:not(.hidden)')]
  .map(b => Math.round(b.getBoundingClientRect().top))).size
"""


@pytest.fixture
def editor_page(page):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    return page


def test_text_typed_after_a_link_is_plain_and_links_have_no_empty_title(editor_page):
    page = editor_page
    article = ArticleFactory(languages={"en": {"state": "draft", "body": "<p>Start</p>"}})
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=en")
    area = page.locator(".rich-text-editor [contenteditable=true]")
    area.click()
    page.keyboard.press("End")
    page.keyboard.type(" read the report")
    for _ in range(len("the report")):
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".prose-menubar__button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input").first.fill("https://example.org/report")
    dialog.locator(
        "button[type=submit], button:has-text('Update'), button:has-text('Save')"
    ).first.click()
    area.click()
    page.keyboard.press("End")
    page.keyboard.type(" today")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    body = ArticleTranslation.objects.get(master=article, language_code="en").body
    assert '<a href="https://example.org/report"' in body, body
    assert "report</a> today" in body, body
    assert 'title=""' not in body, body


def test_headings_are_labelled_buttons_without_an_empty_glyph(editor_page):
    page = editor_page
    article = ArticleFactory(languages={"en": "draft"})
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=en")
    toolbar = page.locator(".rich-text-editor .prose-menubar")
    assert toolbar.locator(".prose-menubar__dropdown").count() == 0
    for level in (2, 3, 4):
        button = toolbar.locator(f".prose-menubar__button[data-name=heading{level}]")
        assert button.get_attribute("aria-label") == f"Heading {level}"
    # Every button shows an icon from the editor's icon font or text, never an empty box.
    glyphs = toolbar.evaluate(
        "el => [...el.querySelectorAll('*')].map(e => getComputedStyle(e, '::after').content)"
    )
    assert not any("⏷" in content for content in glyphs)


def test_the_toolbar_of_a_right_to_left_field_is_one_row(editor_page):
    page = editor_page
    article = ArticleFactory(languages={"en": "draft", "ar": "draft"})
    page.context.set_extra_http_headers({"Accept-Language": "ar"})
    for path in (
        f"/admin/articles/article/{article.pk}/change/?language=ar",
        f"/admin/articles/article/{article.pk}/translate/ar/",
    ):
        page.goto(path)
        toolbar = page.locator(".rich-text-editor[dir=rtl] .prose-menubar").first
        toolbar.wait_for()
        assert toolbar.evaluate(TOOLBAR_ROWS) == 1, path


OVERLAPS = """
() => [...document.querySelectorAll('.parler-language-tabs span')].flatMap(tab => {
  const label = tab.querySelector('a:not(.deletelink)'), cross = tab.querySelector('a.deletelink');
  if (!label || !cross) return [];
  const a = label.getBoundingClientRect(), b = cross.getBoundingClientRect();
  const apart = b.left >= a.right - 0.5 || b.right <= a.left + 0.5;
  return apart ? [] : [label.textContent.trim()];
})
"""


def test_in_the_arabic_admin_the_delete_crosses_sit_beside_the_tab_labels(editor_page):
    page = editor_page
    article = ArticleFactory(languages={"en": "draft", "ar": "draft", "fa": "draft"})
    page.goto("/admin/")
    page.select_option("select[name=language]", "ar")
    page.locator("form.admin-language button").click()
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=en")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".parler-language-tabs a.deletelink").count() >= 2
    assert page.evaluate(OVERLAPS) == []
