from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleTranslation, State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "fa"]


def test_each_language_has_its_own_text_and_state():
    article = ArticleFactory(
        languages={
            "en": {"title": "Khamenei's Speech", "state": State.PUBLISHED},
            "ar": {"title": "خطاب خامنئي يرسم حدود المشاركة مع الغرب", "state": State.REVIEW},
        }
    )
    article = Article.objects.prefetch_related("translations").get(pk=article.pk)
    assert article.safe_translation_getter("title", language_code="ar").startswith("خطاب")
    assert article.language_states() == {"en": "published", "ar": "review", "fa": None}
    ar = article.translations.get(language_code="ar")
    assert ar.slug == "khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb"


def test_the_same_slug_may_be_used_once_per_language():
    ArticleFactory(languages={"en": {"slug": "oil"}, "fa": {"slug": "oil"}})
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(languages={"en": {"slug": "oil"}})


def test_a_blank_slug_never_collides_with_another_kind_in_the_namespace():
    TopicFactory(languages=("en",), names={"en": "Iran Sanctions"})
    article = ArticleFactory(languages={"en": {"title": "Iran Sanctions"}})
    assert article.translations.get().slug == "iran-sanctions-2"


def test_validation_refuses_a_slug_used_by_a_topic_in_the_same_language():
    topic = TopicFactory(languages=("en", "ar"), names={"en": "Energy", "ar": "الطاقة"})
    article = ArticleFactory()
    translation = article.translations.get()
    translation.slug = topic.slug  # "energy"
    with pytest.raises(ValidationError, match="already used in this language by topic"):
        translation.full_clean()
    # The Arabic topic's slug is free in English.
    translation.slug = topic.translations.get(language_code="ar").slug
    translation.full_clean()


def test_authors_keep_their_byline_order():
    first, second, third = ExpertFactory(), ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[third, first, second])
    assert list(article.authors.order_by("authorships__position")) == [third, first, second]
    assert [a.expert for a in article.authorships.all()] == [third, first, second]


# The visibility rule: every state × timing × withdrawal, in each language.
CASES = [
    # (state, hours until publication time, withdrawn, public?)
    (State.PUBLISHED, -1, False, True),
    (State.DRAFT, -1, False, False),
    (State.REVIEW, -1, False, False),
    (State.PUBLISHED, +1, False, False),  # scheduled
    (State.PUBLISHED, -1, True, False),  # withdrawn
    (State.PUBLISHED, None, False, False),  # never given a publication time
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("state", "hours", "withdrawn", "public"), CASES)
def test_visibility_rule(language, state, hours, withdrawn, public):
    published_at = None if hours is None else timezone.now() + timedelta(hours=hours)
    other = next(lang for lang in LANGUAGES if lang != language)
    article = ArticleFactory(
        published_at=published_at,
        is_withdrawn=withdrawn,
        languages={language: state, other: State.PUBLISHED},
    )
    translation = article.translations.get(language_code=language)

    assert (article in Article.objects.public(language)) is public
    assert (translation in ArticleTranslation.objects.public(language)) is public
    assert translation.is_public() is public
    # A published translation in another language never makes this one public.
    assert (translation in ArticleTranslation.objects.public(other)) is False


def test_public_articles_come_back_in_the_asked_language():
    ArticleFactory(languages={"en": {"title": "Oil"}, "ar": {"title": "النفط"}})
    [article] = Article.objects.public("ar")
    assert article.title == "النفط"


def test_a_scheduled_article_goes_public_at_its_time_without_a_save():
    start = timezone.now()
    article = ArticleFactory(published_at=start + timedelta(hours=2))
    assert article.is_scheduled
    assert not Article.objects.public("en").exists()
    with time_machine.travel(start + timedelta(hours=2, seconds=1)):
        assert list(Article.objects.public("en")) == [article]


def test_public_listing_has_no_duplicates_for_multilingual_articles():
    ArticleFactory(languages={"en": "published", "ar": "published", "fa": "published"})
    assert Article.objects.public("en").count() == 1
