"""The stored lists follow publishing, unpublishing, edits, terms, authors and names."""

import random
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles.changes import article_changed
from articles.models import Authorship
from recommendations.models import Recommendation
from recommendations.selectors import recommended
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import TopicFactory

from .conftest import ArticleTypeFactory, ExpertFactory, stored_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """
    Run the refresh that committing the block's changes would run. (The test's own
    transaction never commits: what the factories scheduled before is dropped, as if
    committed already.)
    """

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return run


def shown(article, language="en"):
    return [item.candidate_id for item in recommended(article, language, count=10)]


def test_publishing_a_translation_adds_it_to_related_pages_and_gives_it_a_list(
    make, rebuild, committed
):
    article = make(languages={"en": "published", "ar": "published"})
    newcomer = make(languages={"en": "published", "ar": "draft"})
    rebuild()
    (before,) = recommended(article, "ar")
    assert before.candidate_language == "en"  # a fallback until the Arabic is public
    with committed():
        translation = newcomer.translations.get(language_code="ar")
        translation.state = "published"
        translation.save()
    (after,) = recommended(article, "ar")
    assert (after.candidate_id, after.candidate_language) == (newcomer.pk, "ar")
    assert article.pk in shown(newcomer, "ar")


def test_unpublishing_removes_it_from_every_list(make, rebuild, committed):
    article, other = make(), make()
    leaving = make()
    rebuild()
    assert leaving.pk in shown(article) and leaving.pk in shown(other)
    with committed():
        translation = leaving.translations.get()
        translation.state = "draft"
        translation.save()
    assert leaving.pk not in shown(article) + shown(other)
    assert leaving.pk not in {c for ids in stored_lists().values() for c in ids}


def test_withdrawing_an_article_removes_it(make, rebuild, committed):
    article, leaving = make(), make()
    rebuild()
    with committed():
        leaving.is_withdrawn = True
        leaving.save()
    assert shown(article) == []


def test_a_term_change_refreshes_the_affected_lists(make, rebuild, committed):
    article = make()
    elsewhere = make(topics=[TopicFactory()])
    rebuild()
    assert elsewhere.pk not in shown(article)
    with committed():
        elsewhere.topics.add(*article.topics.all())
    assert elsewhere.pk in shown(article)
    with committed():
        elsewhere.topics.remove(*article.topics.all())
    assert elsewhere.pk not in shown(article)


def test_a_new_shared_author_moves_a_piece_up(make, rebuild, committed):
    expert = ExpertFactory()
    article = make(authors=[expert])
    rivals = [make(authors=[expert]) for _ in range(2)]
    climber = make()
    rebuild()
    assert shown(article)[-1] == climber.pk
    with committed():
        Authorship.objects.create(article=climber, expert=expert, position=0)
        climber.topics.add(TopicFactory())
    assert climber.pk in shown(article)[:3]
    assert set(shown(article)) == {climber.pk, *(r.pk for r in rivals)}


def test_renaming_an_expert_or_a_type_updates_the_block(make, rebuild, committed):
    expert, kind = ExpertFactory(), ArticleTypeFactory()
    article = make()
    make(authors=[expert], article_type=kind)
    rebuild()
    with committed():
        expert.set_current_language("ar")
        expert.name = "اسم جديد"
        expert.save()
        kind.set_current_language("en")
        kind.name = "Field Notes"
        kind.save()
    (item,) = recommended(article, "en")
    assert item.type_name == "Field Notes"
    assert item.authors[0][0] != "اسم جديد"
    item_ar = recommended(article, "ar")
    assert item_ar == [] or item_ar[0].authors[0][0] == "اسم جديد"


def top(lists_with_scores, article_language, count=3):
    return {c for c, _s in lists_with_scores.get(article_language, [])[:count]}


def scored_lists():
    lists = {}
    for r in Recommendation.objects.filter(is_pinned=False).order_by("article", "language", "rank"):
        lists.setdefault((r.article_id, r.language), []).append((r.candidate_id, r.score))
    return lists


def test_incremental_updates_agree_with_a_full_rebuild(rebuild, committed):
    """
    Equal wherever the rebuild's margin at the last shown place exceeds the drift of the
    term statistics (an incremental refresh does not rescore untouched rows).
    """
    rng = random.Random(3)
    now = timezone.now()
    topics = [TopicFactory() for _ in range(4)]
    experts = [ExpertFactory() for _ in range(4)]
    kinds = [ArticleTypeFactory() for _ in range(2)]
    states = ["published", "published", "draft"]
    # One transaction, one "content changed" event: the lists are rebuilt from scratch
    # next, so a refresh per article would be work thrown away.
    with transaction.atomic():
        articles = [
            ArticleFactory(
                topics=rng.sample(topics, 2),
                authors=rng.sample(experts, 1),
                article_type=rng.choice(kinds),
                published_at=now - timedelta(days=rng.uniform(1, 2000)),
                languages={"en": "published", "ar": rng.choice(states), "fa": rng.choice(states)},
            )
            for _ in range(30)
        ]
    rebuild()
    with committed():
        articles[0].topics.set([topics[3]])
    with committed():
        articles[1].translations.filter(language_code="en").update(state="draft")
        article_changed(articles[1].pk)  # what a write that bypasses the models must say
    with committed():
        translation = articles[2].translations.get(language_code="en")
        translation.title = "A wholly new title"
        translation.save()
    with committed():
        ArticleFactory(topics=topics[:2], authors=experts[:1], article_type=kinds[0])
    incremental = scored_lists()
    rebuild()
    fresh = scored_lists()
    assert incremental.keys() == fresh.keys()
    compared = 0
    for key, rows in fresh.items():
        scores = [s for _c, s in rows]
        if len(scores) > 3 and scores[2] - scores[3] < 0.3:
            continue
        compared += 1
        assert top(incremental, key) == top(fresh, key), key
    assert compared >= 10
