"""
Publishing readiness: before a translation is published the editor sees what its page
would name untranslated, with links to translate each side by side; publishing anyway is
allowed and recorded; a hero image needs its description in every language submitted or
published; the translation dashboard counts the gaps.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import readiness, services
from articles.models import ArticleTranslation, State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

from .admin_forms import change_url, translate_url
from .test_admin_workflow import CHANGELIST, messages_of, press, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def carmi():
    return ExpertFactory(names={"en": "Omer Carmi"}, languages=("en",))


@pytest.fixture
def article(carmi):
    return ArticleFactory(
        article_type=ArticleTypeFactory(names={"en": "Brief Analysis"}, languages=("en",)),
        authors=[carmi, ExpertFactory()],
        topics=[TopicFactory(names={"en": "Proliferation", "ar": "الانتشار", "fa": "اشاعه"})],
        languages={"en": "published", "ar": "review", "fa": "draft"},
    )


def panel(html):
    found = re.search(r'<div class="module readiness-panel" id="readiness">(.*?)</div>', html, re.S)
    return found.group(1) if found else None


def test_the_change_form_lists_what_the_arabic_page_would_show_untranslated(
    client, editor, article, carmi
):
    client.force_login(editor)
    html = client.get(change_url(article, "ar")).content.decode()
    shown = panel(html)
    assert "Before publishing in العربية" in shown
    assert "Author “Omer Carmi” is not translated into العربية yet." in shown
    assert "Content type “Brief Analysis” is not translated into العربية yet." in shown
    assert "Proliferation" not in shown  # translated
    expert_link = reverse("admin:experts_expert_translate", args=[carmi.pk, "ar"])
    assert f'href="{expert_link}"' in shown
    assert client.get(expert_link).status_code == 200


def test_the_side_by_side_view_shows_the_same_panel(client, editor, article):
    client.force_login(editor)
    html = client.get(translate_url(article, "ar")).content.decode()
    assert "Author “Omer Carmi” is not translated into العربية yet." in panel(html)


def test_no_panel_once_everything_is_translated(client, editor, article, carmi):
    for obj, name in ((carmi, "عمر كرمي"), (article.article_type, "تحليل موجز")):
        obj.set_current_language("ar")
        obj.name = name
        obj.save()
    client.force_login(editor)
    assert panel(client.get(change_url(article, "ar")).content.decode()) is None
    assert readiness.translation_gaps(article, "ar") == []


def test_publishing_anyway_is_allowed_said_and_recorded(client, editor, article):
    client.force_login(editor)
    response = press(client, article, "ar", "publish")
    assert state(article, "ar") == State.PUBLISHED
    assert (
        "The العربية translation is published. Its page names 2 things not translated into "
        "العربية yet." in messages_of(response)
    )
    event = article.workflow_events.get(action="publish", language_code="ar")
    assert [(gap["kind"], gap["name"]) for gap in event.gaps] == [
        ("author", "Omer Carmi"),
        ("type", "Brief Analysis"),
    ]
    log = re.search(
        r'<ul class="workflow-events">.*?</ul>\s*</li>', response.content.decode(), re.S
    )
    assert "Author “Omer Carmi” is not translated into العربية yet." in log.group(0)


def test_a_translation_with_nothing_missing_records_no_gaps(editor):
    article = ArticleFactory(languages={"en": "review"})
    services.translation_publish(article=article, language="en", user=editor)
    assert article.workflow_events.get(action="publish").gaps == []


def test_the_list_action_asks_before_publishing_with_gaps(client, editor, article):
    ready = ArticleFactory(languages={"ar": "review"})
    client.force_login(editor)
    selected = {"action": "publish_selected", "_selected_action": [article.pk, ready.pk]}
    response = client.post(CHANGELIST + "?lang=ar", selected)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Publish despite what the checks found?" in html
    assert "Author “Omer Carmi” is not translated into العربية yet." in html
    assert (state(article, "ar"), state(ready, "ar")) == (State.REVIEW, State.REVIEW)

    response = client.post(CHANGELIST + "?lang=ar", {**selected, "post": "yes"}, follow=True)
    assert "2 changes made." in messages_of(response)
    assert (state(article, "ar"), state(ready, "ar")) == (State.PUBLISHED, State.PUBLISHED)
    assert article.workflow_events.get(action="publish", language_code="ar").gaps


def test_the_list_action_publishes_at_once_when_nothing_is_missing(client, editor):
    ready = ArticleFactory(languages={"ar": "review"})
    client.force_login(editor)
    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [ready.pk]}, follow=True
    )
    assert "1 changes made." in messages_of(response)
    assert state(ready, "ar") == State.PUBLISHED


def test_a_hero_image_without_a_farsi_description_cannot_be_submitted(client, translator):
    article = ArticleFactory(
        languages={"en": "published", "fa": {"state": "draft", "hero_alt": ""}}
    )
    ArticleTranslation.objects.filter(master=article, language_code="en").update(
        hero_alt="Oil", hero_credit="Photo: Reuters"
    )
    article.hero_image = "articles/harbour.jpg"
    article.save()
    client.force_login(translator)
    html = client.get(translate_url(article, "fa")).content.decode()
    assert "The hero image has no description or no caption in فارسی" in panel(html)
    with pytest.raises(services.WrongState, match="Describe and caption the hero image in فارسی"):
        services.translation_submit(article=article, language="fa", user=translator)
    assert state(article, "fa") == State.DRAFT


def test_the_dashboard_counts_translations_with_untranslated_names(client, editor, article):
    ArticleFactory(languages={"en": "published", "ar": "published"})  # nothing missing
    withdrawn = ArticleFactory(
        authors=[ExpertFactory(languages=("en",))], is_withdrawn=True, languages={"ar": "published"}
    )
    assert withdrawn.translations.exists()
    with CaptureQueriesContext(connection) as queries:
        counts = readiness.gap_counts(["en", "ar", "fa"])
    assert len(queries) == 1
    # ar: the article in review; fa: a draft is not counted; en: everything has English.
    assert counts == {"en": 0, "ar": 1, "fa": 0}
    client.force_login(editor)
    html = client.get(reverse("admin:translations_language", args=["ar"])).content.decode()
    assert "1 piece in review or published names an author, type or term not translated" in html


def test_the_panel_links_only_what_its_reader_may_translate(client, article, carmi, translator):
    # The Farsi translator may translate the author's name into Farsi, side by side.
    client.force_login(translator)
    shown = panel(client.get(change_url(article, "fa")).content.decode())
    expert_link = reverse("admin:experts_expert_translate", args=[carmi.pk, "fa"])
    assert f'href="{expert_link}"' in shown
    assert client.get(expert_link).status_code == 200
    # The Arabic panel names the same gaps, with no link to a view where they could only read.
    shown = panel(client.get(change_url(article, "ar")).content.decode())
    assert "Author “Omer Carmi” is not translated into العربية yet." in shown
    assert "href=" not in shown
