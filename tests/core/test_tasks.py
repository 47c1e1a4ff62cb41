"""
The task queue (core.tasks): a failed task is kept with its error and retried with
backoff, a task is idempotent, and a worker that died loses nothing.

These run the database backend and its worker in this process (a transactional test: the
worker commits); the immediate backend the rest of the suite uses cannot defer or fail.
"""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import background, backoff, enqueue, requeue_abandoned, worker_id
from tests.thinktank.servers import ROOT, start_site

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_tasks")]

calls: list[str] = []


@background(retries=2)
def flaky(*, fail_times: int) -> str:
    calls.append("flaky")
    if len(calls) <= fail_times:
        raise RuntimeError(f"attempt {len(calls)} fails")
    return "done"


@pytest.fixture
def database_tasks():
    calls.clear()
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def work() -> None:
    """Run every task that is due, as a worker does, then stop."""
    call_command(
        "tasks_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def attempts():
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_a_failed_task_is_kept_with_its_error_and_retried_after_a_backoff():
    enqueue(flaky, fail_times=1)
    work()
    first, second = attempts()
    assert first.status == TaskResultStatus.FAILED
    assert "RuntimeError: attempt 1 fails" in first.traceback
    assert second.status == TaskResultStatus.READY
    wait = (second.run_after - timezone.now()).total_seconds()
    assert 5 < wait <= 12  # the first backoff: 10 s, give or take its jitter
    work()  # not due yet
    assert attempts()[1].status == TaskResultStatus.READY
    with time_machine.travel(second.run_after + timedelta(seconds=1)):
        work()
    assert attempts()[1].status == TaskResultStatus.SUCCESSFUL
    assert attempts()[1].return_value == "done"


def test_a_task_that_keeps_failing_stops_after_its_retries():
    enqueue(flaky, fail_times=10)
    start = timezone.now()
    for hours in range(4):
        with time_machine.travel(start + timedelta(hours=hours)):
            work()
    assert [r.status for r in attempts()] == [TaskResultStatus.FAILED] * 3  # 1 + 2 retries


def test_backoff_doubles_and_is_capped():
    assert 8 <= backoff(1) <= 12 and 16 <= backoff(2) <= 24
    assert backoff(30) <= 3600 * 1.2


def test_failed_tasks_are_shown_to_administrators_with_their_error(client, admin_user):
    enqueue(flaky, fail_times=1)
    work()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    client.force_login(admin_user)
    listing = client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert "flaky" in listing.content.decode()
    page = client.get(f"/admin/django_tasks_database/dbtaskresult/{failed.pk}/change/")
    assert "RuntimeError: attempt 1 fails" in page.content.decode()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_task_of_a_worker_that_died_runs_again():
    result = enqueue(flaky, fail_times=0)
    host = worker_id().split(":")[0]
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[f"{host}:{dead_pid()}:0000"],
    )
    work()  # the worker first requeues what dead workers held
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert calls == ["flaky"]


def test_a_task_running_elsewhere_is_left_alone_until_its_timeout():
    result = enqueue(flaky, fail_times=0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=["another-machine:123:0000"],
    )
    assert requeue_abandoned() == 0
    assert requeue_abandoned(now=timezone.now() + timedelta(hours=1)) == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY


def test_a_worker_killed_mid_task_loses_nothing(tmp_path):
    """Real processes: a worker is killed while running a task; the next one runs it."""
    site, database = start_site(tmp_path, servers=0, seed=False, env={"TASKS_BACKEND": "database"})
    try:
        site.shell(
            "import json; from core.tasks import enqueue; "
            "from tests.core.slow_tasks import wait_then_note; "
            f"enqueue(wait_then_note, folder={str(tmp_path)!r}); print(json.dumps(1))"
        )
        worker = ["manage.py", "tasks_worker", "--no-reload", "--no-startup-delay"]
        first = subprocess.Popen(
            [sys.executable, *worker, "--interval", "0.1"], cwd=ROOT, env=site.env
        )
        deadline = time.monotonic() + 60
        while not (tmp_path / "started").exists():
            assert time.monotonic() < deadline and first.poll() is None, "the task never started"
            time.sleep(0.1)
        first.kill()  # SIGKILL: no chance to clean up
        first.wait()
        (tmp_path / "go").touch()
        site.manage(*worker[1:], "--batch", "--interval", "0")
        assert (tmp_path / "ran").read_text() == "ran\n"
        statuses = site.shell(
            "import json; from django_tasks_db.models import DBTaskResult; "
            "print(json.dumps([r.status for r in DBTaskResult.objects.all()]))"
        )
        assert statuses == ["SUCCESSFUL"]
    finally:
        site.stop()
        database.drop()
