"""The Redis cache during an outage: misses instead of errors, and a log that does not flood."""

import logging

import pytest

from thinktank import cache as resilient
from thinktank.cache import OutageLog, ResilientRedisCache

REFUSED = "redis://127.0.0.1:1/0"  # Nothing listens on port 1: every connection is refused.


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(resilient, "outage_log", OutageLog(interval=60, clock=clock))
    return clock


@pytest.fixture
def dead_redis():
    return ResilientRedisCache(REFUSED, {"OPTIONS": {"socket_connect_timeout": 0.2}})


def warnings_in(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "thinktank.cache" and r.levelno == logging.WARNING
    ]


def test_an_outage_logs_one_warning_per_minute_with_the_count_of_those_left_out(
    caplog, clock, dead_redis
):
    caplog.set_level(logging.INFO, logger="thinktank.cache")
    assert dead_redis.get("page", "miss") == "miss"
    dead_redis.set("page", "x")
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.add("page", "x") is False
    (first,) = warnings_in(caplog)
    assert first.startswith("Redis unavailable for cache.get: ")
    assert "Connection refused" in first

    clock.now += 59
    dead_redis.delete("page")
    assert len(warnings_in(caplog)) == 1  # Still within the minute.

    clock.now += 2
    assert dead_redis.has_key("page") is False
    second = warnings_in(caplog)[1]
    assert second.startswith("Redis unavailable for cache.has_key: ")
    assert second.endswith("(4 more cache calls failed since the last warning)")


def test_when_redis_answers_again_the_log_says_how_many_calls_failed(
    caplog, clock, dead_redis, monkeypatch
):
    caplog.set_level(logging.INFO, logger="thinktank.cache")
    for _ in range(3):
        dead_redis.get("page")
    # Redis is back: the client answers.
    monkeypatch.setattr(dead_redis._cache, "get", lambda key, default=None: "hit")
    assert dead_redis.get("page") == "hit"
    assert dead_redis.get("page") == "hit"
    recovered = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert recovered == ["Redis answers again; 3 cache calls failed during the outage"]
    assert len(warnings_in(caplog)) == 1


def test_the_shared_file_cache_keeps_a_counters_expiry_when_it_is_incremented(tmp_path):
    import time_machine

    from thinktank.cache import SharedFileCache

    files = SharedFileCache(str(tmp_path), {})
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        files.add("views", 1, 100)
        clock.shift(90)
        assert files.incr("views") == 2
        clock.shift(20)  # 110 s after the add: gone, as in Redis (Django's would keep it 300 s)
        assert files.get("views") is None
        with pytest.raises(ValueError):
            files.incr("views")


def _add_and_increment(folder: str, rounds: int, results) -> None:
    from thinktank.cache import SharedFileCache

    files = SharedFileCache(folder, {})
    firsts = sum(1 for _ in range(rounds) if files.add("first", 1, 600))
    for _ in range(rounds):
        files.incr("counter")
    results.put(firsts)


def test_the_shared_file_cache_adds_and_increments_atomically_across_processes(tmp_path):
    import multiprocessing

    from thinktank.cache import SharedFileCache

    SharedFileCache(str(tmp_path), {}).set("counter", 0, 600)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_add_and_increment, args=(str(tmp_path), 150, results))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert sum(results.get(timeout=5) for _ in workers) == 1  # one add won, once
    assert SharedFileCache(str(tmp_path), {}).get("counter") == 600  # no increment lost
