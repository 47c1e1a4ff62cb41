"""Sending beacons as a browser would, and flushing what they counted."""

import json
import time

from readership.flush import flush

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def send(client, body=None, *, raw=None, agent=BROWSER, **headers):
    """POST a beacon body (a dict, or raw bytes/str) the way navigator.sendBeacon does."""
    data = raw if raw is not None else json.dumps(body)
    if agent is not None:
        headers["HTTP_USER_AGENT"] = agent
    return client.post(
        "/readership/hit", data=data, content_type="text/plain;charset=UTF-8", **headers
    )


def beacon(article, language="en", came_from=""):
    return {"piece": f"article:{article.pk}", "language": language, "from": came_from}


def flush_all() -> int:
    """Flush as a worker would once every minute counted so far has closed."""
    return flush(now=time.time() + 120)
