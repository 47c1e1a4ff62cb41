"""The "readers went on to" signal: reading paths of the site in the scored engine."""

import re

import pytest
from django.utils import timezone

from readership.models import DailyPath
from recommendations.explain import explain
from recommendations.models import Recommendation
from recommendations.selectors import recommended
from tests.readership.helpers import beacon, flush_all, send

from .conftest import row, stored_lists

pytestmark = pytest.mark.django_db


def went_on(start, end, count, language="en"):
    DailyPath.objects.create(
        from_article=start, to_article=end, language=language, day=timezone.localdate(), count=count
    )


def test_a_piece_readers_went_on_to_rises_above_an_equally_related_one(make, rebuild):
    article, first, second = make(), make(), make()
    before = rebuild()[article.pk, "en"]
    last = before[-1]
    went_on(article, Recommendation.objects.get(article=article, candidate_id=last).candidate, 40)
    after = rebuild()[article.pk, "en"]
    assert after[0] == last and set(after) == {first.pk, second.pk}
    assert row(article, last).path_points > row(article, after[1]).path_points == 0


def test_readers_going_on_make_a_piece_with_nothing_in_common_related(make, rebuild, topic):
    from tests.articles.factories import ArticleFactory

    article, unrelated = make(), ArticleFactory(topics=[])
    assert unrelated.pk not in rebuild().get((article.pk, "en"), [])
    went_on(article, unrelated, 5)
    assert unrelated.pk in rebuild()[article.pk, "en"]


def test_an_unpublished_piece_readers_went_on_to_is_never_recommended(make, rebuild):
    article = make(languages={"en": "published", "ar": "published"})
    draft_in_arabic = make(languages={"en": "published", "ar": "draft"})
    never = make(languages={"en": "review"})
    went_on(article, draft_in_arabic, 50, "ar")
    went_on(article, never, 50)
    lists = rebuild()
    assert never.pk not in lists[article.pk, "en"]
    # Arabic page: only a fallback in the source language, never the Arabic draft.
    arabic = Recommendation.objects.filter(article=article, language="ar")
    assert all(r.candidate_language == "en" for r in arabic if r.candidate_id == draft_in_arabic.pk)
    assert never.pk not in [r.candidate_id for r in recommended(article, "ar")]


def test_the_explanation_says_how_many_readers_went_on(make, rebuild):
    article, other = make(), make()
    went_on(article, other, 12)
    rebuild()
    text = explain(row(article, other))
    assert re.search(r"12 readers went on to it \+8\.5", text), text


def test_a_flush_of_reading_paths_rescores_the_lists_of_the_piece_read_before(
    client, make, rebuild
):
    article = make(languages={"en": {"slug": "oil-and-power"}})
    others = [make(), make(), make()]
    rebuild()
    last = stored_lists()[article.pk, "en"][-1]
    target = next(o for o in others if o.pk == last)
    for _ in range(20):
        send(client, beacon(target, came_from="/policy-analysis/oil-and-power"))
    flush_all()  # the task runs at once in the tests (TASKS_BACKEND immediate)
    assert stored_lists()[article.pk, "en"][0] == target.pk
    assert row(article, target).went_on == 20


def test_one_flush_rescores_at_most_the_limit_of_lists(monkeypatch):
    from recommendations import subscribers

    queued = []
    monkeypatch.setattr(subscribers, "PATH_REFRESH_LIMIT", 3)
    monkeypatch.setattr(subscribers, "enqueue", lambda task, changes: queued.append(changes))
    subscribers.recommendations_paths_update(article_ids=set(range(1, 11)))
    [changes] = queued
    ids = [change["id"] for change in changes]
    assert len(ids) == 3 and set(ids) <= set(range(1, 11)) and ids == sorted(ids)
    subscribers.recommendations_paths_update(article_ids={4, 2})
    assert [change["id"] for change in queued[1]] == [2, 4]
