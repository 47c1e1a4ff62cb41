"""
Fragments of the article page (core.fragments): a page rendered again because its
"Recommended" lists moved renders only them; what a fragment shows changing reaches it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleTranslation
from articles.preview import preview_link
from articles.services import translation_publish
from experts.models import ExpertTranslation
from recommendations.services import recommendations_refresh
from taxonomy.models import TopicTranslation
from tests.articles.events import forum, save, speaker  # noqa: F401  (fixtures)
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory
from thinktank.page_cache import invalidate_tags

pytestmark = pytest.mark.django_db
URL = "/policy-analysis/oil"


@pytest.fixture
def oil():
    return ArticleFactory(
        authors=[ExpertFactory(names={"en": "Dana Reed"})],
        topics=[TopicFactory(names={"en": "Energy"})],
        languages={
            "en": {"title": "Oil and power", "slug": "oil", "body": "<p>Public text.</p>"},
            "fa": {"title": "نفت و قدرت", "slug": "naft", "state": "draft"},
        },
    )


def fetch(client, url=URL):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_a_page_rendered_again_for_new_recommendations_renders_only_them(client, oil):
    first, full = fetch(client)
    recommendations_refresh(article_ids=[oil.pk])  # the page's "Recommended" lists move
    again, queries = fetch(client)
    assert again["X-Page-Cache"] == "miss"
    # Its versions and its "Recommended" rows: not its type, authors, terms, corrections,
    # attachments or citation, which the fragments stand for.
    assert (full, queries) == (7, 2)
    assert again.content == first.content
    assert again["Surrogate-Key"] == first["Surrogate-Key"]  # still purged by all it shows
    assert fetch(client)[0]["X-Page-Cache"] == "hit"  # and cached again as a whole


def test_what_the_fragments_show_changing_reaches_the_page(client, oil):
    fetch(client)
    name = ExpertTranslation.objects.get(master__articles=oil, language_code="en")
    name.name = "Dana Reed-Okafor"
    name.save()
    topic = TopicTranslation.objects.get(master__articles=oil, language_code="en")
    topic.name = "Energy & Economics"
    topic.save()
    html = fetch(client)[0].content.decode()
    byline = html.split('class="byline"')[1].split("</p>")[0]
    about = html.split('id="about-authors-heading"')[1].split("</section>")[0]
    cite = html.split('class="cite__text"')[1].split("</p>")[0]
    assert "Dana Reed-Okafor" in byline and "Dana Reed-Okafor" in about
    assert "Reed-Okafor, Dana" in cite
    assert "Energy &amp; Economics" in html.split('class="article__terms"')[1]
    assert '"name": "Dana Reed-Okafor", "url": "http://testserver/experts/' in html  # JSON-LD


def test_a_translation_published_later_joins_also_available_in(client, oil, editor):
    assert "فارسی" not in fetch(client)[0].content.decode().split("site-main")[1]
    translation_publish(article=oil, language="fa", user=editor)
    html = fetch(client)[0].content.decode()
    assert 'href="/fa/policy-analysis/naft"' in html.split("site-main")[1]


def test_a_preview_neither_uses_nor_keeps_fragments(client, oil):
    fetch(client)  # the public page's fragments are kept
    # What the preview shows and readers do not see yet (no event: nothing public moved).
    ArticleTranslation.objects.filter(master=oil, language_code="en").update(
        title="Oil and power, revised", body="<p>Unpublished text.</p>"
    )
    preview = client.get(preview_link(oil.pk, "en")).content.decode()
    assert "Unpublished text." in preview and "Public text." not in preview
    recommendations_refresh(article_ids=[oil.pk])
    public, queries = fetch(client)
    html = public.content.decode()
    assert queries == 2  # from the public page's own fragments, untouched by the preview
    assert "Public text." in html and "Unpublished text." not in html


def test_a_fragment_rendered_while_what_it_shows_moved_is_not_kept(client, oil, settings):
    settings.PAGE_CACHE_CLOCK_MARGIN_MS = 60_000  # a tag moved within a minute: maybe unseen
    invalidate_tags([f"art-{oil.pk}"])
    assert fetch(client)[1] == 7
    settings.PAGE_CACHE_CLOCK_MARGIN_MS = 0
    recommendations_refresh(article_ids=[oil.pk])
    assert fetch(client)[1] == 7  # nothing was kept: rendered whole again


def test_an_event_page_keeps_no_fragments(client, forum):  # noqa: F811
    first, full = fetch(client, "/policy-analysis/energy-forum")
    recommendations_refresh(article_ids=[forum.pk])
    again, queries = fetch(client, "/policy-analysis/energy-forum")
    assert again["X-Page-Cache"] == "miss" and queries == full  # what is on now is not kept


def test_fragments_off_renders_the_whole_page_each_time(client, oil, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    fetch(client)
    recommendations_refresh(article_ids=[oil.pk])
    assert fetch(client)[1] == 7


def test_tags_first_seen_by_the_fragments_leave_the_page_cacheable(client, oil, monkeypatch):
    # A tag first seen gets a version just before the render began (random: up to 1 ms
    # before); at the latest possible one, the page itself must still be stored.
    monkeypatch.setattr("thinktank.page_cache.random.randrange", lambda _n: 0)
    assert fetch(client)[0]["X-Page-Cache"] == "miss"
    assert fetch(client)[0]["X-Page-Cache"] == "hit"
