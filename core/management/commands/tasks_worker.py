"""
Run a background worker: the database backend's worker (django-tasks-db's `db_worker`),
which first, and then every minute, makes ready again the tasks of workers that died
(core.tasks.requeue_abandoned) and enqueues the work that is due on the clock, such as the
email digests (core.periodic). Run as many as you like, on any machine; see README
"Background work".
"""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker

from core.periodic import enqueue_due
from core.tasks import requeue_abandoned, worker_id

logger = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 60


def _check() -> None:
    try:
        requeue_abandoned()
        enqueue_due()
    except Exception:  # the database may be briefly away: try again next time
        logger.exception("Could not look for abandoned or periodic tasks")
    finally:
        close_old_connections()


def _watch(stop: threading.Event) -> None:
    while not stop.wait(CHECK_EVERY_SECONDS):
        _check()


class Command(db_worker.Command):
    help = (
        "Run a background worker that also recovers the tasks of workers that died and "
        "enqueues the periodic ones."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # An id naming host and process, so a dead worker on this machine is recognised.
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        _check()
        stop = threading.Event()
        threading.Thread(target=_watch, args=(stop,), daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
