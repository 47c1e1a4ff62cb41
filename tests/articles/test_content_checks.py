"""
Content checks (articles.checks): figures and problems an author can fix, shown in the
change form and side by side, re-checked as one types, listed and recorded at publishing.
"""

import re

import pytest
from django.urls import reverse

from articles import services
from articles.checks import content_report
from tests.articles.factories import ArticleFactory

from .admin_forms import change_url, translate_url
from .test_admin_workflow import CHANGELIST, messages_of, press

pytestmark = pytest.mark.django_db


def codes(report):
    return [problem.code for problem in report.problems]


def test_words_and_reading_time_follow_each_languages_reading_speed():
    body = "<p>" + " ".join(["word"] * 456) + "</p>"
    english = content_report(language="en", title="T", summary="S", body=body)
    arabic = content_report(language="ar", title="T", summary="S", body=body)
    assert (english.words, english.minutes) == (456, 2)  # 228 words a minute
    assert (arabic.words, arabic.minutes) == (456, 4)  # 138 words a minute
    assert content_report(language="fa", title="T", summary="S", body="").minutes == 0


def test_title_and_summary_against_what_search_results_show():
    report = content_report(language="en", title="x" * 61, summary="y" * 161, body="")
    assert codes(report) == ["title_long", "summary_long"]
    assert str(report.problems[0]) == ("The title has 61 characters: search results show about 60.")
    assert codes(content_report(language="en", title="", summary="", body="")) == [
        "title_missing",
        "summary_missing",
    ]
    assert codes(content_report(language="en", title="x" * 60, summary="y" * 160, body="")) == []


def test_skipped_heading_levels_are_named():
    body = "<h2>Context</h2><p>a</p><h4>Detail</h4><h3>Back</h3><h2>Next</h2>"
    report = content_report(language="en", title="T", summary="S", body=body)
    assert [str(p) for p in report.problems] == [
        "The heading “Detail” skips a level (h4 after h2)."
    ]
    report = content_report(language="en", title="T", summary="S", body="<h3>First</h3>")
    assert codes(report) == ["heading_skipped"]  # the page's title is the h1


@pytest.mark.parametrize(
    "language, text",
    [("en", "Click here"), ("en", "read more…"), ("ar", "اضغط هنا"), ("fa", "اینجا کلیک کنید")],
)
def test_link_text_that_says_nothing(language, text):
    body = f'<p>See <a href="https://example.org/report">{text}</a>.</p>'
    report = content_report(language=language, title="T", summary="S", body=body)
    assert codes(report) == ["link_vague"]


def test_empty_links_and_links_to_pieces_not_public_or_missing():
    ArticleFactory(languages={"en": {"slug": "live-piece"}})
    ArticleFactory(languages={"en": {"slug": "draft-piece", "state": "draft"}})
    ArticleFactory(languages={"ar": {"slug": "arabic-piece"}})
    body = (
        '<p><a href="https://example.org/x"></a>'
        '<a href="/policy-analysis/live-piece">Live</a>'
        '<a href="/policy-analysis/draft-piece">Draft</a>'
        '<a href="/policy-analysis/no-such-piece">Gone</a>'
        '<a href="/ar/policy-analysis/arabic-piece">Arabic</a>'
        '<a href="/policy-analysis/arabic-piece">Arabic slug in English</a></p>'
    )
    report = content_report(language="en", title="T", summary="S", body=body)
    assert [str(p) for p in report.problems] == [
        "A link to https://example.org/x has no text.",
        "The link “Draft” goes to a piece that is not public.",
        "The link “Gone” goes to a page that does not exist.",
        "The link “Arabic slug in English” goes to a page that does not exist.",
    ]


def test_a_link_to_a_topic_listing_is_not_a_missing_page():
    from tests.taxonomy.factories import TopicFactory

    topic = TopicFactory()
    topic.set_current_language("en")
    body = f'<p><a href="/policy-analysis/{topic.slug}">Energy</a></p>'
    assert codes(content_report(language="en", title="T", summary="S", body=body)) == []


def panel(html):
    found = re.search(
        r'<div class="module content-checks" id="content-checks".*?</div>', html, re.S
    )
    return found.group(0) if found else ""


@pytest.fixture
def article():
    return ArticleFactory(
        languages={
            "en": {"title": "Oil", "summary": "", "body": "<h3>Jump</h3><p>one two three</p>"},
            "ar": {"title": "نفط", "state": "review", "body": '<p><a href="/x">اضغط هنا</a></p>'},
        }
    )


def test_the_change_form_and_side_by_side_view_show_the_panel(client, editor, article):
    client.force_login(editor)
    english = panel(client.get(change_url(article, "en")).content.decode())
    assert "4 words" in english and "about 1 minute to read" in english
    assert "There is no summary" in english
    assert "The heading “Jump” skips a level (h3 after h1)." in english
    arabic = panel(client.get(translate_url(article, "ar")).content.decode())
    assert "The link text “اضغط هنا” does not say where it goes (/x)." in arabic
    assert 'data-url="/admin/articles/article/checks/ar/"' in arabic


def test_the_panel_rechecks_the_posted_text(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_checks", args=["en"])
    response = client.post(url, {"title": "A title", "summary": "A summary", "body": "<p>a b</p>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 words" in html and "No problems found." in html
    assert client.get(url).status_code == 405
    assert client.post(reverse("admin:articles_article_checks", args=["xx"]), {}).status_code == 404
    client.logout()
    assert client.post(url, {"title": "x"}).status_code == 302  # to the login page


def test_publishing_records_the_problems_and_the_log_lists_them(client, editor, article):
    client.force_login(editor)
    response = press(client, article, "ar", "publish")
    event = article.workflow_events.get(action="publish", language_code="ar")
    assert [problem["code"] for problem in event.checks] == ["link_vague"]
    html = response.content.decode()
    assert "The link text “اضغط هنا” does not say where it goes (/x)." in html


def test_the_publish_action_lists_the_problems_before_publishing(client, editor, article):
    client.force_login(editor)
    selected = {"action": "publish_selected", "_selected_action": [article.pk]}
    html = client.post(CHANGELIST + "?lang=ar", selected).content.decode()
    assert "Publish despite what the checks found?" in html
    assert "does not say where it goes" in html
    response = client.post(CHANGELIST + "?lang=ar", {**selected, "post": "yes"}, follow=True)
    assert "1 changes made." in messages_of(response)


def test_a_clean_translation_records_no_problems(editor):
    article = ArticleFactory(languages={"en": {"state": "review", "body": "<p>Fine text.</p>"}})
    services.translation_publish(article=article, language="en", user=editor)
    assert article.workflow_events.get(action="publish").checks == []
