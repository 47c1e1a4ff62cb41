"""
Sending, against the in-process SMTP server: who gets which piece, idempotency (a retried
task or a second run sends nothing twice), bounces, digests, scheduled publication.
"""

import io
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Publication, Sent, Subscriber
from alerts.outbox import Transient
from alerts.sending import (
    alerts_for_article,
    alerts_retry_due,
    claim,
    digest_shards,
    digests_send,
    period_of,
)
from alerts.tasks import alerts_publish, digests_due
from articles.models import ArticleTranslation, State
from articles.tasks import publication_due
from tests.alerts.helpers import subscribe
from tests.alerts.smtp import free_port, parts
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def recipients(smtp) -> list[str]:
    return sorted(m["To"] for m in smtp.messages)


def test_each_subscriber_gets_what_it_follows_in_its_languages(smtp):
    topic, other_topic = TopicFactory(), TopicFactory()
    region = RegionFactory()
    country = RegionFactory(parent=region)
    expert, kind = ExpertFactory(), ArticleTypeFactory()
    subscribe("all@example.net")
    subscribe("topic@example.net", choices=[("topic", topic.pk)])
    subscribe("other@example.net", choices=[("topic", other_topic.pk)])
    subscribe("region@example.net", choices=[("region", region.pk)])
    subscribe("expert@example.net", choices=[("expert", expert.pk)])
    subscribe("type@example.net", choices=[("type", kind.pk)])
    subscribe("arabic@example.net", languages=["ar"])
    subscribe("weekly@example.net", frequency="weekly")
    ArticleFactory(
        article_type=kind, topics=[topic], regions=[country], authors=[expert],
        languages={"en": "published"},
    )  # fmt: skip
    assert recipients(smtp) == [
        "all@example.net", "expert@example.net", "region@example.net", "topic@example.net",
        "type@example.net",
    ]  # fmt: skip


def test_a_retried_task_and_later_edits_send_nothing_twice(smtp):
    subscribe("r@example.net")
    article = ArticleFactory(languages={"en": "published", "ar": "published"})
    subscribe("ar@example.net", languages=["ar"], at=0)  # confirmed after the pieces went public
    assert recipients(smtp) == ["r@example.net"]
    alerts_publish.call(article_id=article.pk, languages=["en", "ar"])
    alerts_for_article(article.pk, ["en", "ar"])
    translation = article.translations.get(language_code="en")
    translation.title = "A corrected title"
    translation.save()
    assert recipients(smtp) == ["r@example.net"]
    assert Sent.objects.get().state == Sent.State.SENT


def test_only_public_translations_are_announced(smtp):
    subscribe("r@example.net", languages=["en", "ar", "fa"])
    article = ArticleFactory(languages={"en": "review", "ar": "draft", "fa": "published"})
    [message] = smtp.messages
    assert message["Subject"].endswith(article.translations.get(language_code="fa").title)
    withdrawn = ArticleFactory(is_withdrawn=True, languages={"en": "published"})
    alerts_for_article(withdrawn.pk, ["en"])
    assert len(smtp.messages) == 1
    assert not Publication.objects.filter(translation__master=withdrawn).exists()


def test_a_scheduled_piece_is_announced_when_its_time_comes(smtp):
    subscribe("r@example.net")
    later = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=later, languages={"en": "published"})
    assert smtp.messages == []
    with time_machine.travel(later + timedelta(minutes=1)):
        publication_due.call(article_id=article.pk)
    assert recipients(smtp) == ["r@example.net"]


def test_a_claim_of_a_running_sender_is_left_to_it(smtp):
    """Another worker's claim stands while that worker lives: nothing is sent twice."""
    subscriber = subscribe("r@example.net")
    article = ArticleFactory(languages={"en": "draft"})
    translation = article.translations.get()
    claim([Sent(subscriber=subscriber, translation=translation)])
    translation.state = State.PUBLISHED
    translation.save()
    assert smtp.messages == []
    assert claim([Sent(subscriber=subscriber, translation=translation)]) == []


def dead_worker() -> str:
    """The claim token of a worker of this machine that has stopped."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return f"{socket.gethostname()}:{process.pid}:00000000"


def test_a_dead_sender_s_unattempted_claims_are_sent_by_the_next_run(smtp):
    first, second = subscribe("first@example.net"), subscribe("second@example.net")
    article = ArticleFactory(languages={"en": "draft"})
    translation = article.translations.get()
    ArticleTranslation.objects.filter(pk=translation.pk).update(state=State.PUBLISHED)
    token = dead_worker()
    # It died while sending to the first: that one may have left, the second never did.
    Sent.objects.create(subscriber=first, translation=translation, claim=token,
                        attempted_at=timezone.now())  # fmt: skip
    Sent.objects.create(subscriber=second, translation=translation, claim=token)
    assert alerts_for_article(article.pk, ["en"]) == 1
    assert recipients(smtp) == ["second@example.net"]
    states = dict(Sent.objects.values_list("subscriber__email", "state"))
    assert states == {"first@example.net": "sending", "second@example.net": "sent"}


def test_a_recipient_the_server_defers_is_tried_again_later_without_holding_up_the_rest(
    smtp, settings
):
    settings.ALERTS_RETRY_MINUTES, settings.ALERTS_RETRY_ATTEMPTS = 15, 3
    busy = subscribe("busy@example.net")
    subscribe("ok@example.net")
    article = ArticleFactory(languages={"en": "published"})
    assert recipients(smtp) == ["ok@example.net"]
    deferred = Sent.objects.get(subscriber=busy)
    assert deferred.state == Sent.State.DEFERRED and "451" in deferred.error
    assert deferred.retry_after > timezone.now() + timedelta(minutes=14)
    assert alerts_retry_due() == 0  # not yet
    Subscriber.objects.filter(pk=busy.pk).update(email="was-busy@example.net")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert alerts_retry_due() == 1
        assert alerts_retry_due() == 0
        alerts_for_article(article.pk, ["en"])
    assert recipients(smtp) == ["ok@example.net", "was-busy@example.net"]
    sent = Sent.objects.get(subscriber=busy)
    assert (sent.state, sent.attempts) == (Sent.State.SENT, 2)


def test_a_recipient_deferred_again_and_again_is_given_up_after_the_attempts(smtp, settings):
    settings.ALERTS_RETRY_MINUTES, settings.ALERTS_RETRY_ATTEMPTS = 15, 3
    busy = subscribe("busy@example.net")
    ArticleFactory(languages={"en": "published"})
    waits = []
    for _ in range(3):
        sent = Sent.objects.get(subscriber=busy)
        if sent.state != Sent.State.DEFERRED:
            break
        waits.append(round((sent.retry_after - sent.attempted_at).total_seconds() / 60))
        with time_machine.travel(sent.retry_after + timedelta(seconds=1)):
            alerts_retry_due()
    sent = Sent.objects.get(subscriber=busy)
    assert waits == [15, 30]  # doubling
    assert (sent.state, sent.attempts) == (Sent.State.FAILED, 3)
    assert "given up after 3 attempts" in sent.error
    assert smtp.messages == []
    subscriber = Subscriber.objects.get(pk=busy.pk)
    assert subscriber.is_active and subscriber.bounce_count == 0  # not a hard bounce


def test_a_lost_connection_gives_the_claims_back_for_the_retry(smtp, settings):
    subscribe("r@example.net")
    article = ArticleFactory(languages={"en": "draft"})
    translation = article.translations.get()
    ArticleTranslation.objects.filter(pk=translation.pk).update(state=State.PUBLISHED)
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(Transient):
        alerts_for_article(article.pk, ["en"])
    assert not Sent.objects.exists()
    settings.EMAIL_PORT = smtp.port
    alerts_for_article(article.pk, ["en"])
    assert recipients(smtp) == ["r@example.net"]


def test_a_hard_bounce_is_counted_and_suspends_at_the_limit(smtp, settings):
    settings.ALERTS_BOUNCE_LIMIT = 2
    subscriber = subscribe("bounce@example.net")
    ArticleFactory(languages={"en": "published"})
    subscriber.refresh_from_db()
    assert subscriber.bounce_count == 1 and subscriber.is_active
    sent = Sent.objects.get()
    assert sent.state == Sent.State.BOUNCED and "550" in sent.error
    ArticleFactory(languages={"en": "published"})
    subscriber.refresh_from_db()
    assert subscriber.bounce_count == 2
    assert subscriber.state == Subscriber.State.SUSPENDED
    ArticleFactory(languages={"en": "published"})
    assert Sent.objects.count() == 2
    assert smtp.messages == []


def test_periods_are_the_last_whole_day_and_week():
    monday = timezone.make_aware(datetime(2025, 3, 10, 7, 30))  # a Monday, in TIME_ZONE
    key, start, end = period_of("daily", monday)
    assert key == "daily:2025-03-09" and (end - start) == timedelta(days=1)
    key, start, end = period_of("weekly", monday + timedelta(days=3))
    assert key == "weekly:2025-W10" and end == monday.replace(hour=0, minute=0)
    assert start == end - timedelta(days=7)


def test_a_weekly_digest_carries_the_week_s_pieces_once(smtp):
    topic = TopicFactory()
    subscribe("weekly@example.net", frequency="weekly", languages=["ar", "en"], language="ar")
    subscribe("daily@example.net", frequency="daily", choices=[("topic", topic.pk)])
    subscribe("instant@example.net")
    smtp.clear()
    week_start = timezone.make_aware(datetime(2025, 3, 3, 9))  # Monday
    with time_machine.travel(week_start):
        first = ArticleFactory(languages={"en": "published", "ar": "published"}, topics=[topic])
    with time_machine.travel(week_start + timedelta(days=2)):
        second = ArticleFactory(languages={"en": "published"})
    smtp.clear()
    next_monday = week_start + timedelta(days=7)
    for _run in range(2):
        call_command("send_digests", now=next_monday.isoformat(), stdout=io.StringIO())
    assert digests_send("weekly", now=next_monday + timedelta(hours=5)) == 0
    [digest] = smtp.to("weekly@example.net")
    text, html = parts(digest)
    assert '<html lang="ar" dir="rtl">' in html
    titles = [t.title for t in ArticleTranslation.objects.filter(master__in=[first, second])]
    for title in titles:
        assert title in text and title in html
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Sent.objects.get(subscriber__email="weekly@example.net").items == 3
    # The daily digest of Sunday had nothing for the topic follower.
    assert smtp.to("daily@example.net") == []
    with time_machine.travel(week_start + timedelta(days=1, hours=1)):
        assert digests_send("daily") == 1
    [daily] = smtp.to("daily@example.net")
    assert first.translations.get(language_code="en").title in parts(daily)[0]


def test_a_digest_run_is_split_into_shards_that_each_subscriber_falls_in_once(smtp, settings):
    settings.ALERTS_DIGEST_SHARD_SIZE = 2
    week_start = timezone.make_aware(datetime(2025, 3, 3, 9))  # Monday
    weekly = [subscribe(f"w{n}@example.net", frequency="weekly") for n in range(5)]
    subscribe("daily@example.net", frequency="daily")
    next_monday = week_start + timedelta(days=7)
    assert digest_shards("weekly", now=next_monday) == []  # nothing published that week
    with time_machine.travel(week_start):
        ArticleFactory(languages={"en": "published"})
    smtp.clear()
    ids = [s.pk for s in weekly]
    shards = digest_shards("weekly", now=next_monday)
    assert shards == [(1, ids[1]), (ids[1] + 1, ids[3]), (ids[3] + 1, None)]
    # One shard sends to its own subscribers only; the run then skips them.
    first, last = shards[0]
    assert digests_send("weekly", now=next_monday, first=first, last=last) == 2
    assert recipients(smtp) == ["w0@example.net", "w1@example.net"]
    assert digest_shards("weekly", now=next_monday) == [(1, ids[3]), (ids[3] + 1, None)]


def test_the_digest_task_enqueues_a_task_per_shard_and_sends_each_digest_once(smtp, settings):
    settings.ALERTS_DIGEST_SHARD_SIZE = 2
    week_start = timezone.make_aware(datetime(2025, 3, 3, 9))
    for n in range(5):
        subscribe(f"w{n}@example.net", frequency="weekly")
    with time_machine.travel(week_start):
        ArticleFactory(languages={"en": "published"})
    smtp.clear()
    with time_machine.travel(week_start + timedelta(days=7, hours=1)):
        # The tests' backend runs each enqueued shard at once.
        assert digests_due.call(frequency="weekly") == 3
        assert digests_due.call(frequency="weekly") == 0  # everyone has had it
    assert recipients(smtp) == [f"w{n}@example.net" for n in range(5)]
    assert Sent.objects.filter(period="weekly:2025-W10", state=Sent.State.SENT).count() == 5
