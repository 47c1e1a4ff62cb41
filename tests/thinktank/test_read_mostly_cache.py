"""
The tag versions' file cache: each process reads from memory, and still sees at once what
any other process wrote.
"""

import multiprocessing
import shutil

import pytest
import time_machine

from thinktank import read_mostly_cache
from thinktank.cache import SharedFileCache
from thinktank.read_mostly_cache import ReadMostlyFileCache

FORK = multiprocessing.get_context("fork")


def memory_of(cache) -> dict:
    return read_mostly_cache._memories.get(cache._dir, (None, {}))[1]


def write_behind_its_back(cache, key, value) -> None:
    """Change a value's file as a write would, without the new token a write puts in place."""
    SharedFileCache.set(cache, key, value, None)


def test_a_value_read_once_is_read_again_from_memory(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("tag", "1", None)
    assert cache.get("tag") == "1"
    write_behind_its_back(cache, "tag", "2")
    assert cache.get("tag") == "1"  # the file is not read again ...
    assert cache.get_many(["tag", "other"]) == {"tag": "1"}
    cache.set("other", "x", None)
    assert cache.get("tag") == "2"  # ... until something is written


def _serve(folder: str, connection) -> None:
    """A second process: answer each key it is sent with what its cache reads for it."""
    cache = ReadMostlyFileCache(folder, {})
    while (key := connection.recv()) is not None:
        connection.send((cache.get(key), dict(memory_of(cache))))


@pytest.fixture
def other_process(tmp_path):
    ours, theirs = FORK.Pipe()
    process = FORK.Process(target=_serve, args=(str(tmp_path), theirs))
    process.start()

    def read(key):
        ours.send(key)
        return ours.recv()

    yield read
    ours.send(None)
    process.join(10)


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (lambda cache: cache.set("tag", "2", None), "2"),
        (lambda cache: cache.set_many({"tag": "2", "other": "3"}, None), "2"),
        (lambda cache: cache.delete("tag"), None),
        (lambda cache: cache.clear(), None),
        (lambda cache: cache.incr("tag"), 2),
    ],
    ids=["set", "set_many", "delete", "clear", "incr"],
)
def test_a_write_in_one_process_is_read_by_another_as_soon_as_it_returns(
    tmp_path, other_process, write, expected
):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("tag", 1 if expected == 2 else "1", None)
    assert other_process("tag")[1] == {("tag", None): cache.get("tag")}  # it remembers it
    write(cache)
    assert other_process("tag")[0] == expected


def test_a_value_given_an_expiry_in_another_process_is_no_longer_remembered(
    tmp_path, other_process
):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("tag", "1", None)
    assert other_process("tag") == ("1", {("tag", None): "1"})
    assert cache.touch("tag", 600)
    assert other_process("tag") == ("1", {})


def test_an_invalidation_in_another_process_makes_the_next_read_a_miss(tmp_path):
    """Two cache objects on one folder, one per process: the page cache's own check."""
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("page-cache:tag:art-1", "100", None)
    assert cache.get_many(["page-cache:tag:art-1"]) == {"page-cache:tag:art-1": "100"}
    invalidator = FORK.Process(
        target=lambda: ReadMostlyFileCache(str(tmp_path), {}).set_many(
            {"page-cache:tag:art-1": "200"}, None
        )
    )
    invalidator.start()
    invalidator.join(10)
    assert invalidator.exitcode == 0
    assert cache.get_many(["page-cache:tag:art-1"]) == {"page-cache:tag:art-1": "200"}


def _write_in_turn(folder: str, rounds: int, done) -> None:
    cache = ReadMostlyFileCache(folder, {})
    for number in range(1, rounds + 1):
        cache.set_many({"tag": str(number), f"other-{number % 7}": "x"}, None)
        done.value = number  # after the write has returned


def test_a_reader_never_reads_a_value_older_than_the_last_write_returned(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("tag", "0", None)
    done = FORK.Value("i", 0)
    writer = FORK.Process(target=_write_in_turn, args=(str(tmp_path), 300, done))
    writer.start()
    reads = remembered = 0
    while writer.is_alive() or reads == 0:
        remembered += ("tag", None) in memory_of(cache)  # held since the read before
        returned = done.value
        assert int(cache.get("tag")) >= returned
        reads += 1
    writer.join(10)
    assert writer.exitcode == 0
    assert cache.get("tag") == "300"
    assert remembered > 0  # the memory was in use between the writes


def test_the_memory_of_a_process_is_bounded(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {"OPTIONS": {"MEMORY_ENTRIES": 10}})
    cache.set_many({f"tag-{number}": str(number) for number in range(25)}, None)
    for _ in range(3):
        for number in range(25):
            assert cache.get(f"tag-{number}") == str(number)
            assert len(memory_of(cache)) <= 10
    assert ReadMostlyFileCache.MEMORY_ENTRIES == 10_000


def test_a_value_that_expires_is_never_read_from_memory(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        cache.set("views", 1, 100)
        assert cache.get("views") == 1
        assert memory_of(cache) == {}
        clock.shift(101)
        assert cache.get("views") is None


def test_a_wiped_folder_is_read_anew(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {})
    cache.set("tag", "1", None)
    assert cache.get("tag") == "1"
    shutil.rmtree(tmp_path)
    assert cache.get("tag") is None
    # What the page cache does for a tag without a version, in any process: no new token.
    assert ReadMostlyFileCache(str(tmp_path), {}).add("tag", "2", None)
    assert cache.get("tag") == "2"
    assert not cache.add("tag", "3", None)


def test_nothing_is_culled(tmp_path):
    cache = ReadMostlyFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 5}})
    for number in range(SharedFileCache.CULL_EVERY + 10):
        cache.set(f"tag-{number}", "1", None)
    assert all(cache.get(f"tag-{number}") == "1" for number in range(SharedFileCache.CULL_EVERY))
