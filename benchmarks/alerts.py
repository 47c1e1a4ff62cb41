"""
A weekly digest to 100,000 subscribers, sent by a real task worker to a real SMTP server
(aiosmtpd, in this process, counting what it receives): messages per second, total time,
the worker's memory as it goes, and duplicates after the worker is killed halfway and a
new one finishes the run.

    createdb -h 127.0.0.1 -U postgres bench_alerts
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_alerts
    .venv/bin/python -m benchmarks.alerts [--subscribers 100000] [--pieces 40]

The script migrates the database, seeds demo content once (seed_demo), and replaces the
benchmark's own subscribers (@bench.example) on each run: mixed languages and choices
(a third follow everything, the rest a topic, region, expert or type), all weekly. The
last --pieces public translations of each language are dated last week, so the digest
of last week carries them (at most ALERTS_DIGEST_MAX_ITEMS each, the rest as "and N
more"). Each run enqueues `alerts.tasks.digests_due` in the database queue and runs
`manage.py tasks_worker --batch` with ALERTS_SEND_RATE=0 (unthrottled: the rate is the
machine's, not the setting's).

Run 1 is timed whole. Run 2 forgets run 1's sends (as if a new week had come), kills
the worker with SIGKILL once half the messages have arrived, and starts another worker:
it makes the dead worker's task ready again, gives back the claims that were never
attempted, and sends the rest. Duplicates are addresses that received the digest twice
in one run; "unknown" is the claim the dead worker was sending when it died (never sent
again: at most once).
"""

import argparse
import collections
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from alerts.models import Frequency, Publication, Sent, Subscriber, Subscription  # noqa: E402
from alerts.sending import period_of  # noqa: E402
from articles.models import ArticleTranslation  # noqa: E402
from experts.models import Expert  # noqa: E402
from taxonomy.models import ArticleType, Region, Topic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "bench.example"
LANGS = ("en", "ar", "fa")


class Counting:
    """An SMTP handler that keeps only how many messages each address received."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = collections.Counter()
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received[address] += 1
            self.first = self.first or now
            self.last = now
        return "250 Message accepted for delivery"

    def reset(self):
        with self.lock:
            self.received.clear()
            self.first = self.last = None

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def seed(subscribers: int, pieces: int, now) -> None:
    call_command("migrate", verbosity=0)
    if not ArticleTranslation.objects.public().exists():
        print("Seeding demo content (seed_demo --articles 300) ...", flush=True)
        call_command("seed_demo", articles=300, verbosity=0)
    _key, start, end = period_of(Frequency.WEEKLY, now)
    Publication.objects.all().delete()
    rows = []
    for language in LANGS:
        public = ArticleTranslation.objects.public().filter(language_code=language)
        for n, tr in enumerate(public.order_by("-master__published_at")[:pieces]):
            rows.append(Publication(translation=tr, language=language,
                                    public_at=start + timedelta(minutes=10 * n + 1)))  # fmt: skip
    Publication.objects.bulk_create(rows)
    assert all(start <= row.public_at < end for row in rows)

    Subscriber.objects.filter(email__endswith="@" + DOMAIN).delete()
    rng = random.Random(18)
    targets = {
        "topic": list(Topic.objects.values_list("pk", flat=True)),
        "region": list(Region.objects.values_list("pk", flat=True)),
        "expert": list(Expert.objects.values_list("pk", flat=True)[:200]),
        "type": list(ArticleType.objects.values_list("pk", flat=True)),
    }
    field = {"topic": "topic_id", "region": "region_id", "expert": "expert_id",
             "type": "article_type_id"}  # fmt: skip
    confirmed = now - timedelta(days=30)
    made = 0
    while made < subscribers:
        batch = []
        for n in range(made, min(made + 5000, subscribers)):
            language = rng.choice(LANGS)
            wanted = {language} | ({rng.choice(LANGS)} if rng.random() < 0.3 else set())
            subscriber = Subscriber(
                email=f"r{n}@{DOMAIN}", language=language, frequency=Frequency.WEEKLY,
                consented_at=confirmed, confirmed_at=confirmed,
            )  # fmt: skip
            subscriber.language_list = sorted(wanted)
            batch.append(subscriber)
        Subscriber.objects.bulk_create(batch)
        follows = []
        for subscriber in Subscriber.objects.filter(email__in=[s.email for s in batch]):
            if rng.random() < 1 / 3:
                follows.append(Subscription(subscriber=subscriber, kind="everything"))
                continue
            for kind in rng.sample(sorted(targets), rng.randint(1, 3)):
                if targets[kind]:
                    target = {field[kind]: rng.choice(targets[kind])}
                    follows.append(Subscription(subscriber=subscriber, kind=kind, **target))
        Subscription.objects.bulk_create(follows)
        made += len(batch)
        print(f"  {made} subscribers", end="\r", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def start_workers(port: int, count: int) -> list[subprocess.Popen]:
    """Enqueue the weekly digest and start workers that run what is due, then stop."""
    from django_tasks_db.models import DBTaskResult

    from alerts.tasks import digests_due
    from core.tasks import enqueue

    DBTaskResult.objects.filter(task_path__startswith="alerts.").exclude(status="RUNNING").delete()
    enqueue(digests_due, frequency=Frequency.WEEKLY)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "ALERTS_SEND_RATE": "0",
        "ALERTS_DIGEST_CHECK_SECONDS": "0",  # only the digest this script enqueues
        "TASKS_BACKEND": "database",
    }
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "tasks_worker", "--batch", "--no-reload",
             "--no-startup-delay", "--interval", "0.2", "--verbosity", "0"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )
        for _worker in range(count)
    ]  # fmt: skip


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _sep, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def watch(processes, handler, expected: int, kill_at: int | None = None) -> dict:
    """
    Wait for the workers; sample their memory by tenths of the messages (the largest
    worker's); kill them all at kill_at. CPU is the workers' total.
    """
    samples, peak, started = {}, 0.0, time.monotonic()
    cpu = dict.fromkeys((p.pid for p in processes), 0.0)
    while any(process.poll() is None for process in processes):
        current = 0.0
        for process in processes:
            rss, high = rss_mb(process.pid)
            current, peak = max(current, rss), max(peak, high)
            cpu[process.pid] = max(cpu[process.pid], cpu_seconds(process.pid))
        done = handler.total
        tenth = min(10, done * 10 // max(expected, 1))
        if tenth and tenth not in samples:
            samples[tenth] = current
        if kill_at is not None and done >= kill_at:
            for process in processes:
                process.send_signal(signal.SIGKILL)
                process.wait()
            break
        time.sleep(0.2)
    seconds = time.monotonic() - started
    return {"seconds": seconds, "peak": peak, "samples": samples, "cpu": sum(cpu.values())}


def main() -> None:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--pieces", type=int, default=40, help="Pieces a language, last week.")
    parser.add_argument(
        "--workers", type=int, default=1, help="Task workers sharing the run (its shards)."
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database this benchmark may fill.")
    now = timezone.now()
    key, _start, _end = period_of(Frequency.WEEKLY, now)
    print(f"Seeding {args.subscribers} subscribers, digest {key} ...", flush=True)
    seed(args.subscribers, args.pieces, now)

    handler = Counting()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    try:
        print("Run 1: the whole digest", flush=True)
        run = watch(start_workers(port, args.workers), handler, args.subscribers)
        sent = Sent.objects.filter(period=key, state=Sent.State.SENT).count()
        received, spread = handler.total, (handler.last or 0) - (handler.first or 0)
        duplicates = sum(1 for count in handler.received.values() if count > 1)
        print(f"  messages received      {received} (recorded sent: {sent})")
        print(f"  {args.workers} worker(s) wall time {run['seconds']:.1f} s (start-up included), "
              f"CPU {run['cpu']:.1f} s")  # fmt: skip
        print(f"  sending                {spread:.1f} s, {received / max(spread, 1e-9):.0f} msg/s")
        print(f"  worker peak RSS        {run['peak']:.0f} MB")
        tenths = ", ".join(f"{t * 10}%: {mb:.0f}" for t, mb in sorted(run["samples"].items()))
        print(f"  worker RSS by progress {tenths} (MB)")
        print(f"  duplicates             {duplicates}")

        print("Run 2: kill the workers halfway, start others", flush=True)
        Sent.objects.filter(period=key).delete()  # a new week, as far as sending knows
        handler.reset()
        half = received // 2
        killed = watch(start_workers(port, args.workers), handler, received, kill_at=half)
        at_kill = handler.total
        unknown = Sent.objects.filter(
            period=key, state=Sent.State.SENDING, attempted_at__isnull=False
        ).count()
        again = watch(start_workers(port, args.workers), handler, received)
        duplicates = sum(1 for count in handler.received.values() if count > 1)
        missing = received - len(handler.received)
        print(f"  killed after           {at_kill} messages ({killed['seconds']:.1f} s)")
        print(f"  second worker          {again['seconds']:.1f} s, peak RSS {again['peak']:.0f} MB")
        print(f"  addresses received     {len(handler.received)} of {received}")
        print(f"  duplicates             {duplicates}")
        print(f"  unknown (dead worker's message in flight, never resent): {unknown}")
        print(f"  not received           {missing}")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
