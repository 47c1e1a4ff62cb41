"""
The alerts through the database task queue and its worker (the suite's other tests run
tasks at once): the same alerts task queued twice, or run again, sends each piece once;
the worker sends the digests on the clock by itself.
"""

import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alerts.models import Sent
from alerts.tasks import alerts_publish
from core.tasks import enqueue
from tests.alerts.helpers import subscribe
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work() -> None:
    call_command(
        "tasks_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def test_a_task_queued_twice_and_run_again_sends_each_piece_once(smtp):
    with override_settings(TASKS=DATABASE_TASKS):
        subscribe("r@example.net", languages=["en", "ar"])
        article = ArticleFactory(languages={"en": "published", "ar": "published"})
        assert smtp.messages == []  # queued, not sent by the saving code
        enqueue(alerts_publish, article_id=article.pk, languages=["en", "ar"])
        work()
        enqueue(alerts_publish, article_id=article.pk, languages=["en", "ar"])
        work()
    assert len(smtp.to("r@example.net")) == 2  # one per language version
    assert Sent.objects.filter(state=Sent.State.SENT).count() == 2
    names = DBTaskResult.objects.filter(task_path__startswith="alerts.").values_list(
        "status", flat=True
    )
    assert set(names) == {TaskResultStatus.SUCCESSFUL}


def test_the_worker_sends_last_week_s_digest_with_no_cron(smtp, settings):
    from thinktank import settings as project

    settings.TASKS_PERIODIC = project.TASKS_PERIODIC
    cache.clear()
    with override_settings(TASKS=DATABASE_TASKS):
        with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False):
            subscribe("weekly@example.net", frequency="weekly", at=time.time() - 60)
            ArticleFactory(languages={"en": "published"})
            work()
        assert smtp.messages == []  # the week is not over
        with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), tick=False):
            work()  # the worker enqueues the digests due, then runs them
            work()  # another look in the same hour enqueues nothing more
    [digest] = smtp.to("weekly@example.net")
    assert Sent.objects.get().period == "weekly:2026-W48"
    # Daily and weekly, in each of the two hours the worker looked: nothing more.
    assert DBTaskResult.objects.filter(task_path="alerts.tasks.digests_due").count() == 4
