"""In a real Chromium: the checks panel follows the text as the editor types it."""

import pytest

from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_checks_panel_rechecks_the_title_as_one_types(page):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    article = ArticleFactory(languages={"en": {"title": "Short", "summary": "A summary."}})
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=en")
    panel = page.locator("#content-checks")
    assert "characters: search results show" not in panel.inner_text()
    page.fill("#id_title", "A title far too long for what a search result shows of it, by far")
    page.wait_for_function(
        "() => document.querySelector('#content-checks').innerText.includes('search results show')"
    )
    assert "The title has 65 characters" in panel.inner_text()
