"""
The podcast feed of one language: /feeds/podcast (/ar/feeds/podcast, /fa/feeds/podcast).

RSS 2.0 as articles.feeds writes it, with the tags Apple Podcasts reads (the itunes
namespace) and the Podcasting 2.0 namespace: the episodes are the articles public in the
language (the one visibility rule) that are podcast episodes, each with its audio as the
enclosure and its page, which carries the transcript (the version's body), as
podcast:transcript.
"""

import uuid

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext

from core import cache_tags

from .feeds import ArticleFeed, RssWithAuthors, Subject
from .metadata import image_url, site_name
from .models import Article

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
# The Podcasting 2.0 namespace's own UUID: a feed's podcast:guid is UUIDv5 of its address.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """Return the podcast:guid of a feed: its address without scheme or trailing slash."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


def _yes_no(value: bool) -> str:
    return "true" if value else "false"


class PodcastRss(RssWithAuthors):
    """RSS 2.0 with the itunes and podcast namespaces' channel and item tags."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES, "xmlns:podcast": PODCAST}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["podcast_author"])
        handler.addQuickElement("itunes:image", attrs={"href": feed["podcast_image"]})
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:category", {"text": "News"})
        handler.addQuickElement("itunes:category", attrs={"text": "Politics"})
        handler.endElement("itunes:category")
        handler.addQuickElement("podcast:guid", feed["podcast_guid"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        episode = item["episode"]
        handler.addQuickElement("itunes:duration", str(episode.duration_seconds))
        handler.addQuickElement("itunes:explicit", _yes_no(episode.explicit))
        handler.addQuickElement("itunes:episode", str(episode.episode_number))
        if episode.season_number:
            handler.addQuickElement("itunes:season", str(episode.season_number))
        handler.addQuickElement("itunes:episodeType", "full")
        if item["episode_image"]:
            handler.addQuickElement("itunes:image", attrs={"href": item["episode_image"]})
        handler.addQuickElement(
            "podcast:transcript",
            attrs={"url": item["transcript"], "type": "text/html", "language": item["language"]},
        )


class PodcastFeed(ArticleFeed):
    """The newest public podcast episodes in the request's language."""

    feed_type = PodcastRss

    def get_object(self, request, kind=None, slug=None):
        super().get_object(request)
        return Subject()

    def title(self, subject):
        return gettext("Podcast · %(site)s") % {"site": site_name()}

    def description(self, subject):
        return gettext("The podcast of %(site)s: conversations with its experts.") % {
            "site": site_name()
        }

    def feed_extra_kwargs(self, subject):
        build = self.request.build_absolute_uri
        image = settings.PODCAST_IMAGE_URL or build(static("img/podcast.png"))
        return {
            "podcast_author": site_name(),
            "podcast_image": image,
            "podcast_guid": podcast_guid(build(self.request.path)),
        }

    def items(self, subject):
        language = self.language
        cache_tags.shows(cache_tags.listing(language), cache_tags.EXPERTS, cache_tags.TERMS)
        episodes = (
            Article.objects.public(language)
            .filter(episode__isnull=False)
            .select_related("episode")
            .for_pages(language)
        )
        items = list(episodes[: settings.FEED_ITEMS])
        cache_tags.shows(*(cache_tags.article(article.pk) for article in items))
        return items

    def item_enclosures(self, article):
        episode = article.episode
        url = self.request.build_absolute_uri(
            reverse("articles:audio", kwargs={"slug": article.slug})
        )
        return [Enclosure(url, str(episode.size), episode.mime_type)]

    def item_extra_kwargs(self, article):
        build = self.request.build_absolute_uri
        return {
            **super().item_extra_kwargs(article),
            "episode": article.episode,
            "episode_image": image_url(self.request, article.hero_image),
            "transcript": build(article.get_absolute_url()),
            "language": self.language,
        }


def podcast_feed(request):
    """Serve the podcast feed of the request's language (a fresh Feed per request)."""
    return PodcastFeed()(request)
