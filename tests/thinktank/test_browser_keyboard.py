"""
Keyboard only, in a real Chromium: a reader reaches the skip link, search, the language
switcher, the filters and every link of a page with Tab, each with a visible focus; an
editor opens an article, edits its title and publishes it without a mouse.
"""

import pytest

from articles.models import ArticleTranslation, State
from tests.articles.factories import ArticleFactory, UserFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element, described, and whether focus is drawn (an outline or a box shadow).
FOCUSED = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const drawn = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    name: el.getAttribute('name'),
    cls: el.className,
    drawn,
  };
}
"""
REACHABLE = """
() => [...document.querySelectorAll('a[href], input:not([type=hidden]), select, button')]
  .filter(el => el.offsetParent !== null && !el.disabled)
  .map(el => el.getAttribute('href') || el.getAttribute('name') || el.tagName.toLowerCase())
"""


def tab_through(page, limit=200):
    """Press Tab until focus comes back to the start; return what was focused, in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_a_reader_reaches_every_link_search_filters_and_languages_by_keyboard(page, prefix):
    topic = TopicFactory()
    for _ in range(3):
        ArticleFactory(topics=[topic], languages={"en": "published", "ar": "published"})
    page.goto(f"{prefix}/policy-analysis/")
    focused = tab_through(page)
    assert focused[0]["cls"] == "skip-link"
    assert all(f["drawn"] for f in focused), [f for f in focused if not f["drawn"]][:3]
    names = [f["href"] or f["name"] or f["tag"] for f in focused]
    assert "q" in names  # the search box
    assert any(href and href.startswith(("/ar/", "/fa/", "/policy")) for href in names)
    reachable = page.evaluate(REACHABLE)
    assert set(reachable) <= set(names), set(reachable) - set(names)
    # The skip link moves focus to the content.
    page.goto(f"{prefix}/policy-analysis/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_an_editor_edits_and_publishes_an_article_without_a_mouse(page):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    article = ArticleFactory(languages={"en": {"title": "Draft title", "state": "review"}})
    page.goto("/admin/login/")
    page.keyboard.press("Tab")
    page.focus("#id_username")
    page.keyboard.type("editor")
    page.keyboard.press("Tab")
    page.keyboard.type("a-long-demo-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=en")
    title = page.locator("#id_title")
    for _ in range(80):
        page.keyboard.press("Tab")
        if title.evaluate("el => el === document.activeElement"):
            break
    assert title.evaluate("el => el === document.activeElement")
    page.keyboard.press("Control+A")
    page.keyboard.type("Keyboard title")
    publish = page.locator("button.workflow-publish")
    for _ in range(200):
        page.keyboard.press("Tab")
        if publish.evaluate("el => el === document.activeElement"):
            break
    assert publish.evaluate("el => el === document.activeElement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    translation = ArticleTranslation.objects.get(master=article, language_code="en")
    assert (translation.title, translation.state) == ("Keyboard title", State.PUBLISHED)
