"""
Background work: Django's Tasks framework (the django-tasks backport; with Django 6 the
import becomes `django.tasks`), with retries and recovery from a worker that died.

Every task here is idempotent (it recomputes from the database what it brings up to date),
so running one twice is safe, and that is what makes failure simple:

- a task that raises is recorded as failed, with its error, in the admin ("Task results"),
  and enqueued again to run after a backoff (BACKOFF_SECONDS doubling, at most
  BACKOFF_MAX_SECONDS), up to `retries` more attempts;
- a task whose worker died (killed, machine lost) is found still "running" and made ready
  again (`requeue_abandoned`): at once when the worker was on this machine and its process
  is gone, after TASKS_RUNNING_TIMEOUT seconds otherwise. `manage.py tasks_worker` does
  this when it starts and then every minute.
"""

import functools
import logging
import os
import random
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

BACKOFF_SECONDS = 10
BACKOFF_MAX_SECONDS = 3600


def background(*, retries: int = 5, priority: int = 0, queue_name: str = "default"):
    """Make an idempotent function a task that retries with backoff when it fails."""

    def decorate(func):
        @functools.wraps(func)
        def attempt(*args, _attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                if _attempt > retries:
                    logger.exception("Task %s failed for good after %d attempts", name, _attempt)
                else:
                    logger.warning("Task %s failed (attempt %d); retrying", name, _attempt)
                    _retry(registered, _attempt, args, kwargs)
                raise

        name = f"{func.__module__}.{func.__qualname__}"
        registered = task(priority=priority, queue_name=queue_name)(attempt)
        return registered

    return decorate


def backoff(attempt: int) -> float:
    """Seconds to wait before attempt + 1: doubling, capped, with a little jitter."""
    base = min(BACKOFF_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)
    return base * random.uniform(0.8, 1.2)  # noqa: S311 (spreading retries, not security)


def _retry(registered, attempt: int, args, kwargs) -> None:
    again = registered
    if registered.get_backend().supports_defer:
        again = registered.using(run_after=timezone.now() + timedelta(seconds=backoff(attempt)))
    again.enqueue(*args, _attempt=attempt + 1, **kwargs)


def enqueue(registered, *args, run_after=None, **kwargs):
    """
    Enqueue a task, to run at run_after (an aware datetime) if given. A backend that cannot
    defer (the immediate one of the tests) runs it now: the tasks check the time themselves.
    """
    if run_after is not None and registered.get_backend().supports_defer:
        registered = registered.using(run_after=run_after)
    return registered.enqueue(*args, **kwargs)


def worker_id() -> str:
    """An id that says where the worker runs: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{random.getrandbits(32):08x}"[:64]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner_gone(owner: str, since, *, now=None) -> bool:
    """
    Return True if the worker named owner (a worker_id()) has stopped: at once when it ran
    on this machine and its process is gone, else when it began more than
    TASKS_RUNNING_TIMEOUT seconds ago (since; None for "unknown").
    """
    now = now or timezone.now()
    host, _sep, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return True
    return since is not None and since < now - timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT)


def requeue_abandoned(*, now=None) -> int:
    """
    Make the running tasks whose worker is gone ready again (owner_gone); return how many.
    """
    from django_tasks_db.models import DBTaskResult

    abandoned = [
        result.pk
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if owner_gone((result.worker_ids or [""])[-1], result.started_at, now=now)
    ]
    if abandoned:
        DBTaskResult.objects.filter(pk__in=abandoned, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Requeued %d task(s) whose worker is gone", len(abandoned))
    return len(abandoned)
