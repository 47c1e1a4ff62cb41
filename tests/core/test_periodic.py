"""
Work on the clock (core.periodic): each slot of a periodic task is enqueued once, however
many workers look, and the next slot again; the task workers look by themselves.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from core.periodic import enqueue_due
from core.tasks import background

ticks: list[int] = []


@background()
def tick(*, n: int) -> None:
    ticks.append(n)


@pytest.fixture(autouse=True)
def clock(settings):
    ticks.clear()
    cache.clear()
    settings.TASKS_PERIODIC = [("tests.core.test_periodic.tick", {"n": 1}, 3600)]


def test_each_slot_is_enqueued_once_however_many_workers_look():
    start = datetime(2026, 12, 7, 10, 1, tzinfo=UTC)
    assert enqueue_due(now=start) == ['tests.core.test_periodic.tick({"n":1})']
    assert enqueue_due(now=start) == []  # a second worker, the same minute
    assert enqueue_due(now=start + timedelta(minutes=58)) == []  # the same hour
    assert ticks == [1]
    enqueue_due(now=start + timedelta(minutes=59))  # 11:00, the next slot
    assert ticks == [1, 1]


def test_the_same_task_with_other_arguments_is_another_job(settings):
    settings.TASKS_PERIODIC += [("tests.core.test_periodic.tick", {"n": 2}, 3600)]
    enqueue_due(now=datetime(2026, 12, 7, 10, 1, tzinfo=UTC))
    assert sorted(ticks) == [1, 2]


def test_the_digests_the_retries_and_the_readership_counts_are_on_the_clock_by_default():
    from thinktank import settings as project

    jobs = {(path, tuple(sorted(args.items()))) for path, args, _every in project.TASKS_PERIODIC}
    assert jobs == {
        ("alerts.tasks.alerts_retry_due", ()),
        ("alerts.tasks.digests_due", (("frequency", "daily"),)),
        ("alerts.tasks.digests_due", (("frequency", "weekly"),)),
        ("readership.tasks.readership_flush", ()),
        ("readership.tasks.most_read_refresh", ()),
        ("readership.tasks.readership_roll_up", ()),
    }
