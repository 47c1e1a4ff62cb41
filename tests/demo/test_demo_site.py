"""Every kind of public page renders on the realistic demo corpus, in every language."""

import re

import icalendar
import pytest
from django.core.management import call_command

from articles.models import ArticleTranslation, Attachment, Episode, Event
from core.i18n import url_in
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "ar", "fa"]
FARSI_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


@pytest.fixture
def demo(settings):
    settings.PAGE_CACHE_SECONDS = 0
    call_command("seed_demo", articles=40, verbosity=0)


def public_paths(language):
    yield url_in(language, "home")
    yield url_in(language, "articles:index")
    yield url_in(language, "articles:index") + f"?sort=oldest&topic={Topic.objects.first().pk}"
    yield url_in(language, "experts:index")
    yield url_in(language, "search:search") + "?q=iran"
    yield url_in(language, "search:search")
    yield url_in(language, "feeds:all", fmt="rss")
    yield url_in(language, "corrections")
    yield url_in(language, "events:upcoming")
    yield url_in(language, "events:past")
    yield url_in(language, "feeds:events")
    for model in (Topic, Region, ArticleType):
        for term in model.objects.with_translation(language):
            yield term.get_absolute_url()
    for expert in Expert.objects.with_translation(language):
        yield expert.get_absolute_url()
    for translation in ArticleTranslation.objects.public(language)[:15]:
        yield url_in(language, "articles:resolve", slug=translation.slug)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_of_the_demo_renders(client, demo, language):
    failures = []
    for path in public_paths(language):
        response = client.get(path)
        if response.status_code != 200:
            failures.append((path, response.status_code))
    assert failures == []


def test_sitemaps_and_robots_render_on_the_demo(client, demo):
    for path in ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-topics.xml", "/robots.txt"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_shows_a_corrected_piece_in_every_language(client, demo, language):
    listing = client.get(url_in(language, "corrections")).content.decode()
    [link] = set(re.findall(r'<li class="correction">\s*<p><a href="([^"#]+)#', listing))
    page = client.get(link).content.decode()
    assert 'class="corrections"' in page and "2015" in page.translate(FARSI_DIGITS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_offers_a_report_as_a_pdf_in_every_language(client, demo, language):
    [attachment] = Attachment.objects.filter(language_code=language)
    slug = attachment.article.translations.get(language_code=language).slug
    page = client.get(url_in(language, "articles:resolve", slug=slug)).content.decode()
    link = url_in(language, "articles:attachment", slug=slug, pk=attachment.pk)
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_plays_a_podcast_episode_in_every_language(client, demo, language):
    [episode] = Episode.objects.all()
    slug = episode.article.translations.get(language_code=language).slug
    page = client.get(url_in(language, "articles:resolve", slug=slug)).content.decode()
    audio = url_in(language, "articles:audio", slug=slug)
    assert f'<source src="{audio}" type="audio/mpeg">' in page
    response = client.get(audio)
    assert response["Content-Type"] == "audio/mpeg"
    feed = client.get(url_in(language, "feeds:podcast")).content.decode()
    assert f'url="http://testserver{audio}"' in feed


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_lists_an_upcoming_and_a_past_event_in_every_language(client, demo, language):
    upcoming, past = Event.objects.order_by("-starts_at")
    for event, listing in ((upcoming, "events:upcoming"), (past, "events:past")):
        slug = event.article.translations.get(language_code=language).slug
        page_url = url_in(language, "articles:resolve", slug=slug)
        assert f'href="{page_url}"' in client.get(url_in(language, listing)).content.decode()
        assert 'class="event"' in client.get(page_url).content.decode()
        ics = client.get(url_in(language, "articles:event_ics", slug=slug))
        [item] = icalendar.Calendar.from_ical(ics.content).events
        assert item.start == event.starts_at
    feed = icalendar.Calendar.from_ical(client.get(url_in(language, "feeds:events")).content)
    assert len(feed.events) == 2
