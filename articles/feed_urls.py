"""Feed URLs, included under /feeds/ inside i18n_patterns: /ar/feeds/rss is Arabic."""

from django.urls import re_path

from . import feeds, feeds_events, feeds_podcast

app_name = "feeds"

FORMAT = "(?P<fmt>rss|atom)"
KIND = "(?P<kind>{})".format("|".join(feeds.SUBJECTS))

urlpatterns = [
    re_path(rf"^{FORMAT}$", feeds.feed, name="all"),
    re_path(r"^podcast$", feeds_podcast.podcast_feed, name="podcast"),
    re_path(r"^events\.ics$", feeds_events.events_calendar, name="events"),
    re_path(rf"^{KIND}/(?P<slug>[-\w]+)/{FORMAT}$", feeds.feed, name="subject"),
]
