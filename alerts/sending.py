"""
Who gets what: instant alerts of a translation that became public, and the digests of a
period. Each send is claimed first (a Sent row; its unique constraints make a second
claim of the same piece or period for the same subscriber a no-op), then sent, so a
retried task or a second run sends nothing twice.

A worker killed mid-batch leaves its claims "sending". The one it was sending when it
died may have left, so it is never sent again (at most once); the ones it never
attempted are given back once the worker is known to be gone (release_abandoned, as the
task queue does for its tasks), so the next run sends them.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from articles.models import ArticleTranslation
from core.tasks import owner_gone, worker_id

from . import mail
from .models import Frequency, Publication, Sent, Subscriber, Subscription
from .outbox import Outbox, deliver


def claim(rows: list[Sent], *, now=None) -> list[Sent]:
    """
    Insert the rows no one has claimed yet and take back those of them deferred until
    now (all rows of one piece or one period); return the ones this call claimed.
    """
    if not rows:
        return []
    now = now or timezone.now()
    token = worker_id()  # names this process, so that release_abandoned knows if it died
    for row in rows:
        row.claim = token
    Sent.objects.bulk_create(rows, ignore_conflicts=True)
    first = rows[0]
    if first.translation_id:
        same = Q(translation_id=first.translation_id)
    else:
        same = Q(period=first.period)
    Sent.objects.filter(
        same,
        subscriber_id__in=[row.subscriber_id for row in rows],
        state=Sent.State.DEFERRED,
        retry_after__lte=now,
    ).update(claim=token, state=Sent.State.SENDING, attempted_at=None)
    return list(Sent.objects.filter(claim=token).order_by("pk"))


def _had(now, **which):
    """The subscribers sent (or being sent) this piece or period, and not due a retry."""
    rows = Sent.objects.filter(**which).exclude(state=Sent.State.DEFERRED, retry_after__lte=now)
    return rows.values("subscriber_id")


def release_abandoned(*, now=None) -> int:
    """
    Give back the claims never attempted whose sender has stopped (core.tasks.owner_gone),
    so that they can be claimed and sent again; return how many.
    """
    unattempted = Sent.objects.filter(state=Sent.State.SENDING, attempted_at__isnull=True)
    senders = unattempted.order_by().values_list("claim").annotate(since=Min("created_at"))
    gone = [token for token, since in senders if owner_gone(token, since, now=now)]
    if not gone:
        return 0
    count, _by_model = unattempted.filter(claim__in=gone).delete()
    return count


def _chunks(recipients):
    """The recipients in pk order, ALERTS_BATCH_SIZE at a time (keyset: no OFFSET)."""
    last = 0
    while True:
        chunk = list(recipients.filter(pk__gt=last).order_by("pk")[: settings.ALERTS_BATCH_SIZE])
        if not chunk:
            return
        last = chunk[-1].pk
        yield chunk


def alerts_for_article(article_id: int, languages, *, now=None) -> int:
    """
    Announce the translations of an article that are public now, in languages, to the
    instant subscribers who follow it and have not had them; return messages sent.
    """
    now = now or timezone.now()
    release_abandoned(now=now)
    sent = 0
    public = ArticleTranslation.objects.public().filter(
        master_id=article_id, language_code__in=list(languages)
    )
    for tr in public.select_related("master"):
        publication, _new = Publication.objects.get_or_create(
            translation=tr, defaults={"language": tr.language_code, "public_at": now}
        )
        if tr.master.published_at < now - timedelta(days=settings.ALERTS_MAX_AGE_DAYS):
            continue  # old news: an edit of a piece long public
        sent += _alert(tr, publication, now)
    return sent


def alerts_retry_due(*, now=None) -> int:
    """Try again the instant alerts the mail server deferred, once due; return messages sent."""
    now = now or timezone.now()
    due = (
        Sent.objects.filter(
            state=Sent.State.DEFERRED, retry_after__lte=now, translation__isnull=False
        )
        .order_by()
        .values_list("translation__master_id", "translation__language_code")
        .distinct()
    )
    articles: dict[int, set] = {}
    for article_id, language in due:
        articles.setdefault(article_id, set()).add(language)
    return sum(
        alerts_for_article(article_id, sorted(languages), now=now)
        for article_id, languages in articles.items()
    )


def _follow_q(keys) -> Q:
    q = Q(kind=Subscription.Kind.EVERYTHING)
    for kind, field in (("topic", "topic"), ("region", "region"), ("expert", "expert")):
        ids = [pk for k, pk in keys if k == kind and pk]
        if ids:
            q |= Q(kind=kind, **{f"{field}_id__in": ids})
    types = [pk for k, pk in keys if k == "type" and pk]
    if types:
        q |= Q(kind=Subscription.Kind.TYPE, article_type_id__in=types)
    return q


def _alert(tr, publication: Publication, now) -> int:
    found = mail.items([tr.pk])
    if not found:
        return 0
    item = found[0]
    followers = Subscription.objects.filter(_follow_q(item.keys)).values("subscriber_id")
    recipients = (
        Subscriber.objects.active()
        .reading(tr.language_code)
        .filter(frequency=Frequency.INSTANT, confirmed_at__lte=publication.public_at)
        .filter(pk__in=followers)
        .exclude(pk__in=_had(now, translation=tr))
    )
    sent = 0
    with Outbox() as outbox:
        for chunk in _chunks(recipients):
            by_id = {s.pk: s for s in chunk}
            claimed = claim([Sent(subscriber=s, translation=tr) for s in chunk], now=now)
            messages = [
                (row, mail.alert_message(by_id[row.subscriber_id], item)) for row in claimed
            ]
            sent += deliver(outbox, messages)
    return sent


def period_of(frequency: str, now=None) -> tuple[str, object, object]:
    """
    The last whole period before now, as (key, start, end): yesterday for a daily digest,
    last week (Monday to Monday, in TIME_ZONE) for a weekly one.
    """
    local = timezone.localtime(now or timezone.now())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.DAILY:
        end = midnight
        start = end - timedelta(days=1)
        return f"daily:{start.date().isoformat()}", start, end
    if frequency == Frequency.WEEKLY:
        end = midnight - timedelta(days=local.weekday())
        start = end - timedelta(days=7)
        year, week, _day = start.isocalendar()
        return f"weekly:{year}-W{week:02d}", start, end
    raise ValueError(f"not a digest frequency: {frequency!r}")


def digest_items(start, end) -> list[mail.Item]:
    """The pieces first seen public in [start, end) and public still, newest first."""
    announced = Publication.objects.filter(public_at__gte=start, public_at__lt=end)
    return mail.items(announced.values_list("translation_id", flat=True))


def _owed(frequency: str, key: str, now):
    """The active subscribers of a digest frequency not yet sent (or being sent) period key."""
    return (
        Subscriber.objects.active()
        .filter(frequency=frequency)
        .exclude(pk__in=_had(now, period=key))
    )


def digest_shards(frequency: str, *, now=None) -> list[tuple[int, int | None]]:
    """
    Split the subscribers owed the last whole period's digest into ranges of ids (first,
    last; None: no upper bound) of ALERTS_DIGEST_SHARD_SIZE subscribers each, so that
    several workers can share the run; none if the period published nothing.
    """
    now = now or timezone.now()
    key, start, end = period_of(frequency, now)
    if not Publication.objects.filter(public_at__gte=start, public_at__lt=end).exists():
        return []
    owed = _owed(frequency, key, now).order_by("pk").values_list("pk", flat=True)
    size, shards, after = settings.ALERTS_DIGEST_SHARD_SIZE, [], 0
    while True:
        # The size-th id after the last shard, by keyset: no OFFSET grows with the run.
        bound = list(owed.filter(pk__gt=after)[size - 1 : size])
        if not bound:
            if owed.filter(pk__gt=after).exists():
                shards.append((after + 1, None))
            return shards
        shards.append((after + 1, bound[0]))
        after = bound[0]


def digests_send(frequency: str, *, now=None, first: int = 0, last: int | None = None) -> int:
    """
    Send the digest of the last whole period to each subscriber not yet sent it, of those
    with ids from first to last (all by default).
    """
    now = now or timezone.now()
    key, start, end = period_of(frequency, now)
    release_abandoned(now=now)
    pieces = digest_items(start, end)
    if not pieces:
        return 0
    recipients = _owed(frequency, key, now).filter(pk__gte=first)
    if last is not None:
        recipients = recipients.filter(pk__lte=last)
    limit = settings.ALERTS_DIGEST_MAX_ITEMS
    sent = 0
    with Outbox() as outbox:
        for chunk in _chunks(recipients):
            follows = _follows([s.pk for s in chunk])
            chosen = {}
            for subscriber in chunk:
                wanted = [i for i in pieces if mail.matches(i, subscriber, follows[subscriber.pk])]
                if wanted:
                    chosen[subscriber.pk] = (subscriber, wanted)
            claimed = claim(
                [Sent(subscriber=s, period=key, items=len(w)) for s, w in chosen.values()],
                now=now,
            )
            messages = []
            for row in claimed:
                subscriber, wanted = chosen[row.subscriber_id]
                message = mail.digest_message(
                    subscriber, wanted[:limit], frequency, more=max(0, len(wanted) - limit)
                )
                messages.append((row, message))
            sent += deliver(outbox, messages)
    return sent


def _follows(subscriber_ids) -> dict[int, set]:
    follows: dict[int, set] = {pk: set() for pk in subscriber_ids}
    rows = Subscription.objects.filter(subscriber_id__in=subscriber_ids).values_list(
        "subscriber_id", "kind", "topic_id", "region_id", "expert_id", "article_type_id"
    )
    for subscriber_id, kind, *targets in rows:
        follows[subscriber_id].add((kind, next((t for t in targets if t), 0)))
    return follows
