"""
In a real Chromium: an editor saves over a change someone else saved meanwhile to the same
field, is shown both versions side by side, chooses hers in the page, and saves; the field
only the other editor changed keeps the other editor's value.
"""

import pytest
from django.test import Client

from articles.models import ArticleTranslation
from tests.articles.factories import ArticleFactory, UserFactory

from .admin_forms import change_url, open_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_resolves_a_conflict_by_choosing_in_the_page(page):
    UserFactory(username="leila", role="Editor", password="a-long-demo-password")
    article = ArticleFactory(
        languages={"en": {"title": "Tankers reroute", "summary": "Why the Strait matters."}}
    )
    url = change_url(article)
    page.goto(f"/admin/login/?next={url}")
    page.fill("#id_username", "leila")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_summary")

    # While Leila's form is open, Maya saves a new title and a new summary.
    maya = Client()
    maya.force_login(UserFactory(username="maya", role="Editor"))
    data = open_form(maya, article)
    data.update(title="Tankers reroute again", summary="Maya's summary.")
    assert maya.post(url, data).status_code == 302

    page.fill("#id_summary", "Leila's summary.")
    page.click("input[name=_save]")
    choice = page.locator(".conflict-choices tr.conflict-choice")
    choice.wait_for()
    assert choice.count() == 1  # Only the summary: the title was Maya's change alone.
    assert choice.locator(".conflict-theirs").inner_text() == "Maya's summary."
    assert choice.locator(".conflict-mine").inner_text() == "Leila's summary."
    assert page.input_value("#id_title") == "Tankers reroute again"
    en = ArticleTranslation.objects.get(master=article, language_code="en")
    assert en.summary == "Maya's summary."  # Nothing saved yet.

    choice.get_by_label("your version").check()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "was changed successfully" in page.inner_text(".messagelist")

    en = ArticleTranslation.objects.get(master=article, language_code="en")
    assert (en.title, en.summary) == ("Tankers reroute again", "Leila's summary.")
