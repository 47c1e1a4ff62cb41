"""
The beacon's endpoint, POST /readership/hit: count one page view, store nothing about
who sent it, and answer 204 with an empty body to anything (counted or not, a GET, bad
JSON, an unknown id, a flood), so it tells a prober nothing.
"""

import json
import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.i18n import is_site_language
from core.ratelimit import client_of, spend

from . import counting, pieces

logger = logging.getLogger(__name__)

#: A beacon is a few dozen bytes; anything much longer is not ours.
MAX_BODY = 1024
#: Known robots, crawlers, previewers and HTTP libraries, by a token of their user agent.
BOTS = re.compile(
    r"bot\b|bot[/;]|crawl|spider|slurp|scrape|headless|phantomjs|puppeteer|playwright"
    r"|selenium|lighthouse|pagespeed|preview|facebookexternalhit|embedly|validator"
    r"|monitor|uptime|python|curl/|wget/|httpclient|http-client|okhttp|axios|node-fetch"
    r"|java/|libwww|feedfetcher|archive",
    re.IGNORECASE,
)
#: Headers that mark a request the browser made ahead of a possible visit.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


@csrf_exempt
@never_cache
def hit(request):
    """Count the page view a beacon reports, if it is one; always 204."""
    try:
        what = beacon(request)
        if what and spend(
            f"readership:{client_of(request)}",
            limit=settings.READERSHIP_RATE_PER_CLIENT,
            window=settings.READERSHIP_RATE_WINDOW_SECONDS,
        ):
            for item in what:
                counting.count(item)
    except Exception:  # the answer says nothing, whatever failed
        logger.exception("A readership beacon could not be counted.")
    return HttpResponse(status=204)


def is_person(request) -> bool:
    """Return False for robots, prefetches and beacons sent from another site."""
    agent = request.headers.get("User-Agent", "")
    if not agent or BOTS.search(agent):
        return False
    for name in PREFETCH_HEADERS:
        value = request.headers.get(name, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return False
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.get_host()


def beacon(request) -> list[tuple] | None:
    """
    Return what the beacon counts (readership.counting), or None for a request that is
    not a reader's beacon: {"piece": "article:12", "language": "en", "from": "/path"}.
    """
    if request.method != "POST" or not is_person(request):
        return None
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    piece, language = pieces.parse_piece(data.get("piece")), data.get("language")
    if piece is None or not isinstance(language, str) or not is_site_language(language):
        return None
    kind, pk = piece
    if kind != pieces.ARTICLE:
        return [("l", kind, pk, language)]
    counted = [("a", pk, language)]
    source = pieces.article_path(data.get("from"))
    if source is not None:
        counted.append(("p", *source, pk, language))
    return counted
