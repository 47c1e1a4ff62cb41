"""
In a real Chromium: an editor writes an article in the admin's rich-text editor, with an
author and a topic, publishes it, and finds it on the public site.
"""

import pytest

from articles.models import Article, ArticleTranslation, State
from tests.articles.factories import UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, container, text):
    """Pick text in one of the admin's autocomplete (select2) boxes."""
    container.click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_writes_publishes_and_readers_find_the_article(page, live_server):
    UserFactory(username="maya", role="Editor", password="a-long-demo-password")
    ArticleTypeFactory(names={"en": "Brief Analysis"})
    ExpertFactory(names={"en": "Dana Stroul"})
    TopicFactory(names={"en": "Energy & Economics"})

    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "maya")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/article/add/")

    page.fill("#id_title", "Shipping lanes under pressure")
    page.fill("#id_summary", "Why the Strait matters now.")
    editor = page.locator(".rich-text-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("Tankers are rerouting. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Insurance costs doubled.")
    page.keyboard.press("Control+b")

    choose(page, page.locator(".field-article_type .select2-selection"), "Brief Analysis")
    choose(page, page.locator(".field-topics .select2-selection"), "Energy & Economics")
    page.locator("#authorships-group .add-row a").click()
    choose(page, page.locator("#authorships-0 .field-expert .select2-selection"), "Dana Stroul")

    page.click("button[name=_workflow][value=publish]")
    page.wait_for_selector(".messagelist")
    assert "The English translation is published." in page.inner_text(".messagelist")

    article = Article.objects.get()
    translation = ArticleTranslation.objects.get(master=article)
    assert translation.state == State.PUBLISHED
    assert "<strong>Insurance costs doubled.</strong>" in translation.body

    page.goto(f"/policy-analysis/{translation.slug}")
    assert page.inner_text("h1") == "Shipping lanes under pressure"
    assert page.locator(".byline a", has_text="Dana Stroul").count() == 1
    assert page.locator(".article__terms a", has_text="Energy & Economics").count() == 1
    assert page.inner_text(".body strong") == "Insurance costs doubled."
