"""
Work that comes round on the clock (the email digests), without cron: every task worker
calls enqueue_due() when it starts and then every minute (`manage.py tasks_worker`), and
the shared cache lets only the first of them enqueue each slot. The tasks are idempotent
(a digest goes once per subscriber and period), so a slot enqueued twice, after a cache
restart say, costs a little work and sends nothing twice.

settings.TASKS_PERIODIC lists (dotted task path, keyword arguments, every N seconds).
"""

import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

from .tasks import enqueue

logger = logging.getLogger(__name__)


def enqueue_due(*, now=None) -> list[str]:
    """Enqueue each periodic task whose current slot no worker has enqueued; return them."""
    now = now or timezone.now()
    queued = []
    for path, kwargs, every in settings.TASKS_PERIODIC:
        job = f"{path}({json.dumps(kwargs, sort_keys=True, separators=(',', ':'))})"
        slot = int(now.timestamp() // every)
        if cache.add(f"periodic:{job}:{slot}", now.isoformat(), timeout=every * 2):
            enqueue(import_string(path), **kwargs)
            queued.append(job)
    if queued:
        logger.info("Enqueued periodic tasks: %s", ", ".join(queued))
    return queued
