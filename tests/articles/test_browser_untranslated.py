"""
In a real Chromium, on Arabic and Farsi pages: an author with no translation in the page's
language is in the byline, in English, laid out left to right inside the right-to-left
line; and an editor sees the readiness panel before publishing, follows its link, and
publishes anyway.
"""

import pytest

from articles.models import ArticleTranslation, State
from tests.articles.factories import ArticleFactory, UserFactory
from tests.experts.factories import ExpertFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    carmi = ExpertFactory(names={"en": "Omer Carmi"}, languages=("en",), slug="omer-carmi")
    return ArticleFactory(
        authors=[carmi],
        languages={
            "en": {"title": "Khamenei's Speech", "slug": "khameneis-speech"},
            "ar": {"title": "خطاب خامنئي", "slug": "khitab"},
            "fa": {"title": "سخنرانی خامنه‌ای", "slug": "sokhanrani", "state": State.REVIEW},
        },
    )


def test_the_arabic_byline_shows_the_untranslated_author_left_to_right(page, article):
    page.goto("/ar/policy-analysis/khitab")
    author = page.locator(".byline a", has_text="Omer Carmi")
    assert author.is_visible()
    assert author.evaluate("el => [el.lang, getComputedStyle(el).direction]") == ["en", "ltr"]
    assert page.locator(".byline").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator(".about-authors a", has_text="Omer Carmi").is_visible()
    author.click()
    page.wait_for_url("**/experts/omer-carmi")
    assert page.locator("h1").inner_text() == "Omer Carmi"


def test_an_editor_sees_the_farsi_readiness_panel_and_publishes_anyway(page, article):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.goto(f"/admin/articles/article/{article.pk}/change/?language=fa")

    readiness = page.locator("#readiness")
    assert readiness.is_visible()
    assert "Omer Carmi" in readiness.inner_text()
    link = readiness.get_by_role("link", name="Translate side by side")
    assert "/admin/experts/expert/" in link.get_attribute("href")

    page.locator("button.workflow-publish").click()
    page.wait_for_load_state()
    message = page.locator(".messagelist .success", has_text="translation is published")
    assert "Its page names 1 thing not translated into" in message.inner_text()
    assert ArticleTranslation.objects.get(master=article, language_code="fa").state == "published"

    page.goto("/fa/policy-analysis/sokhanrani")
    author = page.locator(".byline a", has_text="Omer Carmi")
    assert author.evaluate("el => [el.lang, getComputedStyle(el).direction]") == ["en", "ltr"]
