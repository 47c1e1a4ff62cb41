"""Each score component, measured on the stored rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from recommendations import weights
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

from .conftest import ExpertFactory, row

pytestmark = pytest.mark.django_db


def test_a_rarer_shared_topic_weighs_more_than_a_common_one(make, rebuild):
    rare, common = TopicFactory(), TopicFactory()
    article = make(topics=[rare, common])
    shares_rare = make(topics=[rare])
    shares_common = make(topics=[common])
    for _ in range(6):
        make(topics=[common])
    rebuild()
    rare_points = row(article, shares_rare).topic_points
    common_points = row(article, shares_common).topic_points
    assert rare_points > common_points > 0
    assert row(article, shares_rare).shared_topics == 1


def test_a_country_matches_itself_fully_its_region_and_neighbours_more_weakly(make, rebuild):
    region = RegionFactory()
    country, neighbour = RegionFactory(parent=region), RegionFactory(parent=region)
    article = make(topics=[], regions=[country])
    same_country = make(topics=[], regions=[country])
    whole_region = make(topics=[], regions=[region])
    next_door = make(topics=[], regions=[neighbour])
    elsewhere = make(topics=[], regions=[RegionFactory()])
    lists = rebuild()
    points = [
        row(article, other).region_points for other in (same_country, whole_region, next_door)
    ]
    assert points[0] > points[1] > points[2] > 0
    assert points[1] == pytest.approx(points[0] * weights.PARENT_REGION, rel=0.5)
    assert elsewhere.pk not in lists[article.pk, "en"]


def test_each_shared_author_adds_the_author_weight(make, rebuild):
    a, b = ExpertFactory(), ExpertFactory()
    article = make(authors=[a, b])
    both = make(authors=[b, a])
    one = make(authors=[a])
    rebuild()
    assert row(article, both).author_points == pytest.approx(2 * weights.AUTHOR)
    assert row(article, both).shared_authors == 2
    assert row(article, one).author_points == pytest.approx(weights.AUTHOR)


def test_the_same_content_type_adds_points(make, rebuild):
    brief = ArticleTypeFactory()
    article = make(article_type=brief)
    same = make(article_type=brief)
    other = make()
    rebuild()
    assert row(article, same).type_points == pytest.approx(weights.SAME_TYPE)
    assert row(article, other).type_points == 0


def test_recency_halves_with_the_half_life_and_a_scheduled_piece_counts_as_new(make, rebuild):
    now = timezone.now()
    article = make()
    fresh = make(published_at=now - timedelta(minutes=5))
    half = make(published_at=now - timedelta(days=weights.HALF_LIFE_DAYS))
    scheduled = make(published_at=now + timedelta(days=2))
    rebuild()
    assert row(article, fresh).recency_points == pytest.approx(0, abs=0.01)
    assert row(article, half).recency_points == pytest.approx(-weights.RECENCY / 2, abs=0.01)
    assert row(article, scheduled).recency_points == 0
    assert row(article, half).age_days == int(weights.HALF_LIFE_DAYS)


def test_similar_wording_of_title_and_summary_ranks_a_piece_higher(make, rebuild):
    article = make(
        languages={"en": {"title": "Uranium enrichment at Fordow", "summary": "Centrifuges"}}
    )
    similar = make(
        languages={"en": {"title": "Fordow enrichment resumes", "summary": "Centrifuges spin"}}
    )
    unrelated = [
        make(languages={"en": {"title": f"Budget talks {n}", "summary": "Parliament"}})
        for n in range(3)
    ]
    lists = rebuild()
    assert row(article, similar).text_points > 0
    assert row(article, unrelated[0]).text_points == 0
    assert lists[article.pk, "en"][0] == similar.pk


def test_a_piece_sharing_no_topic_region_or_author_is_not_related(make, rebuild):
    brief = ArticleTypeFactory()
    article = make(article_type=brief, languages={"en": {"title": "Gas fields"}})
    lookalike = make(topics=[], article_type=brief, languages={"en": {"title": "Gas fields"}})
    lists = rebuild()
    assert lookalike.pk not in lists.get((article.pk, "en"), [])


def test_the_score_is_the_sum_of_its_parts(make, rebuild):
    expert = ExpertFactory()
    article = make(authors=[expert])
    other = make(authors=[expert])
    rebuild()
    r = row(article, other)
    parts = [
        r.topic_points,
        r.region_points,
        r.author_points,
        r.type_points,
        r.recency_points,
        r.text_points,
        r.path_points,
        r.neighbourhood_points,
    ]
    # Its only neighbour is the candidate itself: their topic counts again, not the author.
    assert r.neighbourhood_points == pytest.approx(weights.NEIGHBOURHOOD * r.topic_points)
    assert r.score == pytest.approx(sum(parts), abs=1e-4)


def test_a_piece_sharing_what_the_article_s_closest_pieces_share_ranks_higher(make, rebuild):
    # The story's pieces are filed under two topics and written by one expert; the article
    # was filed under one of them only. Two pieces share just that topic with it: the one
    # also of the story's second topic is the one its closest pieces point to.
    expert, second, elsewhere = ExpertFactory(), TopicFactory(), TopicFactory()
    article = make(authors=[expert], languages={"en": {"title": "One", "summary": "A"}})
    for n in range(3):
        make(
            topics=[*article.topics.all(), second],
            authors=[expert],
            languages={"en": {"title": f"Story {n}", "summary": "B"}},
        )
    of_the_story = make(topics=[*article.topics.all(), second], languages={"en": {"title": "Two"}})
    of_another = make(
        topics=[*article.topics.all(), elsewhere], languages={"en": {"title": "Three"}}
    )
    rebuild()
    story, other = row(article, of_the_story), row(article, of_another)
    assert story.topic_points == other.topic_points
    assert story.neighbourhood_points > other.neighbourhood_points > 0
    assert story.rank < other.rank
