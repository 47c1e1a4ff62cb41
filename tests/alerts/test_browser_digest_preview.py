"""In a real Chromium: the admin's preview of the next digest shows each language's email
as a mail client would, with its inline styles (the admin's own policy would blank them)."""

import pytest

from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digest_preview_shows_each_language_s_email_styled(page):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    article = ArticleFactory(languages={"en": "published", "ar": "published"})
    titles = dict(article.translations.values_list("language_code", "title"))
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.goto("/admin/alerts/subscriber/digest-preview/?frequency=daily")
    frames = page.frame_locator("iframe.digest-preview")
    english, arabic = frames.nth(0), frames.nth(1)
    assert english.locator("h2, h3").first.inner_text() == titles["en"]
    assert arabic.locator("h2, h3").first.inner_text() == titles["ar"]
    assert arabic.locator("html").get_attribute("dir") == "rtl"
    heading = english.locator("h1")
    assert heading.inner_text() == "Today's analysis"
    # The email's inline style (font-size:1.4rem) applies: the frame is not blanked.
    size = heading.evaluate("h => getComputedStyle(h).fontSize")
    assert size == "22.4px"
