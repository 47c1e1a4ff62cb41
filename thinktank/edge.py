"""
Purge the edge caches by tag: Varnish (xkey), Cloudflare and Fastly.

Every cacheable page names what it shows in its `Surrogate-Key` (space-separated) and
`Cache-Tag` (comma-separated) headers (thinktank.page_cache). After a change readers can
see, a task calls purge() with the tags whose pages changed; each configured backend
then drops the objects carrying any of them. A backend that fails makes purge() raise
once the others have been tried, so the task retries; purging is idempotent, a repeat
costs a request and nothing else. Configured by settings.EDGE_PURGE (README "Edge cache").

Requests go out through urllib with a timeout, never follow a redirect (one would carry
the API token elsewhere), and neither errors nor logs contain a token.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

CLOUDFLARE_API = "https://api.cloudflare.com/client/v4"
FASTLY_API = "https://api.fastly.com"

# Printable ASCII without spaces and commas, which separate tags in both headers; 1,024
# characters at most, the limit of Cloudflare and Fastly alike.
TAG = re.compile(r"[!-+\--~]{1,1024}")


class EdgePurgeError(Exception):
    """A purge did not reach every edge cache; the task running it should retry."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # urllib then raises the 3xx as an HTTPError


def _send(
    request: urllib.request.Request, *, timeout: float, proxies: bool
) -> tuple[int, dict, bytes]:
    """Send request; return status, headers and body, or raise EdgePurgeError."""
    handlers = [_NoRedirects()] + ([] if proxies else [urllib.request.ProxyHandler({})])
    opener = urllib.request.build_opener(*handlers)
    where = f"{request.get_method()} {request.full_url}"
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        body = error.read()[:500].decode(errors="replace")
        raise EdgePurgeError(f"{where} answered {error.code}: {body}") from None
    except (OSError, urllib.error.URLError) as error:
        raise EdgePurgeError(f"{where} failed: {getattr(error, 'reason', error)}") from None


def batches(tags: list[str], *, count: int, chars: int | None = None) -> list[list[str]]:
    """Split tags into lists of at most count tags and, joined by spaces, chars characters."""
    result, current, length = [], [], 0
    for tag in tags:
        if current and (len(current) == count or (chars and length + 1 + len(tag) > chars)):
            result.append(current)
            current, length = [], 0
        length += len(tag) + (1 if current else 0)
        current.append(tag)
    if current:
        result.append(current)
    return result


@dataclass(frozen=True)
class Varnish:
    """
    A Varnish running deploy/varnish/thinktank.vcl: `PURGE` with the tags in an
    `xkey-purge` header, answered with the number of objects dropped in `X-Purged`.
    Internal, so never through an HTTP proxy.
    """

    url: str
    # Varnish refuses a request header longer than http_req_hdr_len (8 KiB by default).
    batch_chars = 4000

    def purge(self, tags: list[str], *, timeout: float) -> int:
        """Purge tags; return how many objects Varnish dropped."""
        purged = 0
        for batch in batches(tags, count=len(tags), chars=self.batch_chars):
            request = urllib.request.Request(
                self.url, method="PURGE", headers={"xkey-purge": " ".join(batch)}
            )
            _status, headers, _body = _send(request, timeout=timeout, proxies=False)
            purged += int(headers.get("X-Purged") or 0)
        return purged

    def __str__(self):
        return f"Varnish {self.url}"


@dataclass(frozen=True)
class Cloudflare:
    """
    Cloudflare's purge by cache tags: POST /zones/<zone>/purge_cache with {"tags": [...]}
    and an API token allowed "Cache Purge" on the zone. Cloudflare takes at most 100
    tags in one request, on every plan.
    """

    zone: str
    token: str = field(repr=False)
    api: str = CLOUDFLARE_API
    batch_size = 100

    def purge(self, tags: list[str], *, timeout: float) -> None:
        for batch in batches(tags, count=self.batch_size):
            request = urllib.request.Request(
                f"{self.api}/zones/{self.zone}/purge_cache",
                method="POST",
                data=json.dumps({"tags": batch}).encode(),
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                },
            )
            _status, _headers, body = _send(request, timeout=timeout, proxies=True)
            try:
                answer = json.loads(body)
            except ValueError:
                answer = {}
            if not isinstance(answer, dict) or answer.get("success") is not True:
                raise EdgePurgeError(
                    f"{self} refused the purge: {body[:500].decode(errors='replace')}"
                )

    def __str__(self):
        return f"Cloudflare zone {self.zone}"


@dataclass(frozen=True)
class Fastly:
    """
    Fastly's batch purge by surrogate key: POST /service/<id>/purge with the keys in a
    `Surrogate-Key` header and a token with purge_select scope in `Fastly-Key`. Fastly
    takes at most 256 keys in one request.
    """

    service: str
    token: str = field(repr=False)
    api: str = FASTLY_API
    batch_size = 256

    def purge(self, tags: list[str], *, timeout: float) -> None:
        for batch in batches(tags, count=self.batch_size):
            request = urllib.request.Request(
                f"{self.api}/service/{self.service}/purge",
                method="POST",
                headers={
                    "Fastly-Key": self.token,
                    "Surrogate-Key": " ".join(batch),
                    "Accept": "application/json",
                },
            )
            _send(request, timeout=timeout, proxies=True)

    def __str__(self):
        return f"Fastly service {self.service}"


def backends() -> list:
    """Return the edge caches settings.EDGE_PURGE names, in the order they are purged."""
    config = settings.EDGE_PURGE
    found = [Varnish(url) for url in config["varnish"]]
    if config["cloudflare_zone"]:
        found.append(
            Cloudflare(config["cloudflare_zone"], config["cloudflare_token"], CLOUDFLARE_API)
        )
    if config["fastly_service"]:
        found.append(Fastly(config["fastly_service"], config["fastly_token"], FASTLY_API))
    return found


def purge(tags: list[str]) -> None:
    """
    Drop every object tagged with any of tags from every configured edge cache.

    Raise ValueError for a malformed tag (nothing is sent), and EdgePurgeError when a
    backend could not be purged (after trying all of them), for the task to retry.
    """
    tags = list(dict.fromkeys(tags))
    malformed = [tag for tag in tags if not isinstance(tag, str) or not TAG.fullmatch(tag)]
    if malformed:
        raise ValueError(f"Not edge cache tags: {malformed[:5]!r}")
    if not tags:
        return
    failures = []
    for backend in backends():
        try:
            purged = backend.purge(tags, timeout=settings.EDGE_PURGE["timeout"])
        except EdgePurgeError as error:
            logger.warning("Edge purge of %d tags failed: %s", len(tags), error)
            failures.append(str(error))
        else:
            # Only Varnish says how many objects it dropped.
            dropped = "" if purged is None else f", {purged} objects"
            logger.info("Edge purge: %s, %d tags%s", backend, len(tags), dropped)
    if failures:
        raise EdgePurgeError("; ".join(failures))
