"""
The event listings of a language: /events/ (upcoming, the soonest first, those under way
too) and /events/past/ (the latest first), under each language's prefix. Only versions
public in the language (the one visibility rule), a page at a time by keyset pagination
on the event's start, each card with its time and place in the language.
"""

import zoneinfo

from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.views.generic import TemplateView

from core import cache_tags, i18n
from core.pagination import paginate

from .event_pages import moment_in
from .models import Article
from .models_events import place_in


def event_cards(language: str, *, upcoming: bool, now=None):
    """The public events in language not over (or over) at now, with what a card shows."""
    now = now or timezone.now()
    when = {"event__ends_at__gte": now} if upcoming else {"event__ends_at__lt": now}
    return (
        Article.objects.public(language)
        .filter(**when)
        .select_related("event")
        .annotate(starts_at=F("event__starts_at"))
        .for_cards(language)
        .prefetch_related(Prefetch("event__translations"))
    )


class EventListView(TemplateView):
    template_name = "articles/events.html"
    upcoming = True

    def get_context_data(self, **kwargs):
        language = get_language()
        # A piece made public or hidden, or an event changed or over, is a public change
        # in the language (articles.tasks_events for the end), which makes this stale.
        cache_tags.shows(cache_tags.listing(language))
        page = paginate(
            event_cards(language, upcoming=self.upcoming),
            self.request.GET,
            size=settings.LISTING_PAGE_SIZE,
            newest_first=not self.upcoming,
            field="starts_at",
        )
        home = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        for card in page.object_list:
            cache_tags.shows_card(card)
            card.starts = moment_in(card.event.starts_at, home, language)
            card.place = place_in(
                list(card.event.translations.all()), language, card.source_language
            )
        name = "events:upcoming" if self.upcoming else "events:past"
        return super().get_context_data(
            events=page.object_list,
            upcoming=self.upcoming,
            time_zone=format_html('<bdi dir="ltr">{}</bdi>', settings.TIME_ZONE),
            page=page,
            is_paginated=page.has_other_pages,
            newest_first=not self.upcoming,
            alternates={code: i18n.url_in(code, name) for code in i18n.language_codes()},
            **kwargs,
        )
