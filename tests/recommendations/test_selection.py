"""What the "Recommended" block shows: visibility, languages, pins, diversity, query cost."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import RelatedArticle
from recommendations.selectors import recommended

from .conftest import ExpertFactory

pytestmark = pytest.mark.django_db
ALL = {"en": "published", "ar": "published", "fa": "published"}


def ids(items):
    return [item.candidate_id for item in items]


def test_never_the_article_itself_nor_anything_the_visibility_rule_hides(make, rebuild):
    now = timezone.now()
    article = make()
    public = make()
    draft = make(languages={"en": "draft"})
    in_review = make(languages={"en": "review"})
    withdrawn = make(is_withdrawn=True)
    unset = make(published_at=None)
    scheduled = make(published_at=now + timedelta(days=1))
    rebuild()
    shown = ids(recommended(article, "en", count=10))
    assert shown == [public.pk]
    assert not {article.pk, draft.pk, in_review.pk, withdrawn.pk, unset.pk, scheduled.pk} & set(
        shown
    )


def test_a_scheduled_piece_appears_once_its_time_has_passed_without_a_save(make, rebuild):
    article = make()
    scheduled = make(published_at=timezone.now() + timedelta(hours=2))
    rebuild()
    assert scheduled.pk not in ids(recommended(article, "en"))
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert scheduled.pk in ids(recommended(article, "en"))


def test_the_arabic_page_shows_only_pieces_public_in_arabic(make, rebuild):
    article = make(languages=ALL)
    arabic = [make(languages=ALL) for _ in range(3)]
    english_only = make(languages={"en": "published", "ar": "draft"})
    rebuild()
    shown = recommended(article, "ar")
    assert set(ids(shown)) == {a.pk for a in arabic}
    assert english_only.pk not in ids(shown)
    assert all(item.candidate_language == "ar" and not item.is_fallback for item in shown)
    assert shown[0].title.startswith("تحليل")


def test_the_arabic_page_fills_from_the_source_language_labelled_as_such(make, rebuild):
    article = make(languages=ALL)  # source language English
    arabic = make(languages=ALL)
    english = [make(languages={"en": "published", "ar": "review"}) for _ in range(3)]
    rebuild()
    shown = recommended(article, "ar")
    assert ids(shown)[0] == arabic.pk
    assert set(ids(shown)[1:]) < {e.pk for e in english}
    fallback = shown[1]
    assert fallback.is_fallback and fallback.candidate_language == "en"
    assert fallback.title.startswith("Analysis")


def test_no_fallback_when_the_page_is_in_the_source_language(make, rebuild):
    article = make(source_language="ar", languages={"ar": "published"})
    make(languages={"en": "published"})
    rebuild()
    assert recommended(article, "ar") == []


def test_pins_come_first_in_their_order_and_still_obey_visibility_and_language(make, rebuild):
    article = make(languages=ALL)
    scored = [make(languages=ALL) for _ in range(3)]
    second, first = make(topics=[], languages=ALL), make(topics=[], languages=ALL)
    hidden = make(topics=[], languages={"en": "draft", "ar": "draft"})
    english_only = make(topics=[], languages={"en": "published"})
    for position, target in enumerate([hidden, first, english_only, second]):
        RelatedArticle.objects.create(article=article, target=target, position=position)
    rebuild()
    assert ids(recommended(article, "en")) == [first.pk, english_only.pk, second.pk]
    arabic = recommended(article, "ar")
    assert ids(arabic) == [first.pk, english_only.pk, second.pk]
    assert [item.candidate_language for item in arabic] == ["ar", "en", "ar"]
    assert not set(ids(recommended(article, "en", count=10))[3:]) - {s.pk for s in scored}


def test_three_pieces_by_one_author_only_when_nothing_else_scores_close(make, rebuild):
    prolific, other = ExpertFactory(), ExpertFactory()
    article = make()
    by_prolific = [make(authors=[prolific]) for _ in range(3)]
    by_other = make(authors=[other])
    rebuild()
    shown = ids(recommended(article, "en"))
    assert by_other.pk in shown
    assert len(shown) == len(set(shown)) == 3
    assert len(set(shown) & {p.pk for p in by_prolific}) == 2


def test_one_author_may_fill_the_block_when_the_rest_score_far_lower(make, rebuild, topic):
    prolific = ExpertFactory()
    article = make(authors=[prolific])
    by_prolific = [make(authors=[prolific]) for _ in range(3)]
    weak = make(published_at=timezone.now() - timedelta(days=3000))
    rebuild()
    shown = ids(recommended(article, "en"))
    assert set(shown) == {p.pk for p in by_prolific}
    assert weak.pk not in shown


def test_the_block_costs_one_query(make, rebuild, django_assert_num_queries):
    article = make(languages=ALL, authors=[ExpertFactory()])
    for _ in range(6):
        make(languages=ALL, authors=[ExpertFactory()])
    make(languages={"en": "published", "ar": "draft"})
    rebuild()
    for language in ("en", "ar"):
        with django_assert_num_queries(1):
            items = recommended(article, language)
            shown = [(i.title, i.slug, i.published_at, i.type_name, i.authors) for i in items]
        assert len(shown) == 3
        assert all(name for i in items for name, *_slug_language in i.authors)
