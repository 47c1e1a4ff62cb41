"""
In a real Chromium: a Farsi translator logs in, lands on the Farsi work list, opens an
outdated article, sees what changed in the English source and right-to-left fields,
brings the translation up to date and saves, and the flag clears.
"""

import pytest

from articles.models import Article, ArticleTranslation
from articles.revisions import revision_create
from tests.articles.factories import ArticleFactory, UserFactory
from translations.sources import translation_text_saved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def revise_source(article, **text):
    """Change the English text as an editor's normal save does, with its revisions."""
    revision_create(article=article, user=None)
    ArticleTranslation.objects.filter(master=article, language_code="en").update(**text)
    translation_text_saved(obj=article, language="en", changed_fields=list(text), created=False)
    revision_create(article=article, user=None)


def test_a_farsi_translator_brings_an_outdated_translation_up_to_date(page):
    UserFactory(
        username="shirin", role="Translator", languages=["fa"], password="a-long-demo-password"
    )
    article = ArticleFactory(
        languages={
            "en": {"title": "Tankers reroute", "body": "<p>Insurance costs rose.</p>"},
            "fa": {
                "title": "نفتکش‌ها مسیر عوض می‌کنند",
                "body": "<p>هزینه بیمه بالا رفت.</p>",
                "state": "draft",
            },
        }  # fmt: skip
    )
    revise_source(article, title="Tankers reroute again", body="<p>Insurance costs doubled.</p>")

    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "shirin")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/translations/fa/")

    row = page.locator("#work-items tr.work-item", has_text="Tankers reroute again")
    assert "outdated" in row.locator(".work-status").inner_text()
    row.get_by_role("link", name="Translate").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/translate/fa/")

    changes = page.locator(".source-changes")
    assert "Outdated: the English source text changed" in changes.inner_text()
    assert changes.locator("ins", has_text="again").count() == 1
    assert changes.locator("del", has_text="rose.").count() == 1

    title = page.locator("#id_title")
    assert (title.get_attribute("dir"), title.get_attribute("lang")) == ("rtl", "fa")
    editor = page.locator(".field-body .rich-text-editor [contenteditable=true]")
    assert editor.evaluate("el => getComputedStyle(el).direction") == "rtl"
    source = page.locator(".field-body .side-by-side__source")
    assert source.evaluate("el => getComputedStyle(el).direction") == "ltr"

    title.fill("نفتکش‌ها دوباره مسیر عوض می‌کنند")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" دو برابر شد.")
    page.check("#id_up_to_date")
    page.click("button[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "The فارسی translation was saved." in page.inner_text(".messagelist")
    assert page.locator(".source-changes").count() == 0

    fa = ArticleTranslation.objects.get(master=article, language_code="fa")
    assert fa.title == "نفتکش‌ها دوباره مسیر عوض می‌کنند"
    assert "دو برابر شد." in fa.body
    assert fa.made_from_version == Article.objects.get(pk=article.pk).source_version
    page.goto("/admin/translations/fa/")
    assert page.locator("#work-items tr.work-item", has_text="Tankers reroute again").count() == 1
    status = page.locator("#work-items tr.work-item", has_text="Tankers reroute again")
    assert status.locator(".work-status").inner_text() == "Draft"
