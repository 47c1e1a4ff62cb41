"""
The article page's data from compiled queries (articles.page_data, translations.compiled)
is what the ORM gives: the same objects, order, translations and visibility.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import page_data
from articles.models import Article, ArticleTranslation, State, page_prefetches
from experts.models import Expert
from recommendations import selectors
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory
from translations.compiled import CompiledQuery

pytestmark = pytest.mark.django_db


def described(article):
    """What the page reads of the article's relations, with each object's language."""
    kind = getattr(article, "article_type", None)  # None cached: DoesNotExist, an AttributeError
    return {
        "type": kind and (kind.pk, kind.get_current_language(), kind.name, kind.slug),
        **{
            name: [
                (obj.pk, obj.get_current_language(), obj.name, obj.get_absolute_url())
                for obj in getattr(article, name).all()
            ]
            for name in ("authors", "topics", "regions")
        },
    }


@pytest.fixture
def article():
    authors = [
        ExpertFactory(names={"en": "Zed Last", "ar": "زد", "fa": "زد"}),
        ExpertFactory(names={"en": "Amy First"}, languages=("en",)),  # no Arabic name
        ExpertFactory(names={"en": "Bo Middle", "ar": "بو", "fa": "بو"}),
    ]
    return ArticleFactory(
        article_type=ArticleTypeFactory(languages=("en",)),  # named in English only
        authors=authors,
        topics=[TopicFactory(position=2), TopicFactory(position=1)],
        regions=[RegionFactory(), RegionFactory(languages=("en",))],
        languages={"en": "published", "ar": "published", "fa": "review"},
    )


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_page_relations_are_what_the_prefetches_give(article, language):
    by_orm = Article.objects.get(pk=article.pk)
    prefetch_related_objects([by_orm], *page_prefetches(language))
    compiled = Article.objects.get(pk=article.pk)
    with CaptureQueriesContext(connection) as queries:
        page_data.load_page_relations(compiled, language)
    assert len(queries) == 4
    with CaptureQueriesContext(connection) as queries:
        assert described(compiled) == described(by_orm)
    assert len(queries) == 0


def test_byline_order_is_kept_and_the_untranslated_are_named_in_english(article):
    compiled = Article.objects.get(pk=article.pk)
    page_data.load_page_relations(compiled, "ar")
    authors = compiled.authors.all()
    assert [a.name for a in authors] == ["زد", "Amy First", "بو"]
    assert [a.get_current_language() for a in authors] == ["ar", "en", "ar"]
    assert compiled.article_type.get_current_language() == "en"  # no Arabic name
    page_data.load_page_relations(compiled, "en")
    assert [a.name for a in compiled.authors.all()] == ["Zed Last", "Amy First", "Bo Middle"]
    assert compiled.topics.all()[0].position == 1


def test_public_versions_apply_the_visibility_rule_at_each_call(article):
    slug = article.translations.get(language_code="en").slug
    assert set(page_data.public_versions(slug, "en")) == {"en", "ar"}
    assert page_data.public_versions("no-such-slug", "en") == {}
    # The same compiled query, a later moment: a scheduled piece is not public yet.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() + timedelta(hours=1))
    assert page_data.public_versions(slug, "en") == {}
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=1))
    ArticleTranslation.objects.filter(master=article, language_code="ar").update(state=State.DRAFT)
    versions = page_data.public_versions(slug, "en")
    assert set(versions) == {"en"}
    assert versions["en"].master.pk == article.pk  # the article comes in the same query
    Article.objects.filter(pk=article.pk).update(is_withdrawn=True)
    assert page_data.public_versions(slug, "en") == {}


def test_a_slug_public_in_another_language_only_is_not_found(article):
    ar_slug = article.translations.get(language_code="ar").slug
    assert page_data.public_versions(ar_slug, "en") == {}
    assert set(page_data.public_versions(ar_slug, "ar")) == {"en", "ar"}


def test_recommendations_read_through_the_compiled_query_match_the_selector(article):
    from recommendations.services import recommendations_rebuild

    shared = {"topics": list(article.topics.all()), "authors": list(article.authors.all())}
    other = ArticleFactory(languages={"en": "published"}, **shared)
    hidden = ArticleFactory(languages={"en": "published"}, **shared)
    recommendations_rebuild()
    Article.objects.filter(pk=hidden.pk).update(is_withdrawn=True)  # hidden at read time
    orm = list(selectors.stored(article.pk, "en"))
    compiled = selectors.STORED("en", article=article.pk, now=timezone.now())
    assert [(r.candidate_id, r.title, r.slug, r.published_at) for r in compiled] == [
        (r.candidate_id, r.title, r.slug, r.published_at) for r in orm
    ]
    assert other.pk in {r.candidate_id for r in compiled}
    assert hidden.pk not in {r.candidate_id for r in compiled}


def test_a_compiled_query_runs_its_sql_again_with_new_values():
    first, second = ExpertFactory(), ExpertFactory()
    by_slug = CompiledQuery(
        lambda language, slug: Expert.objects.with_translation(language).filter(slug=slug)
    )
    assert [e.pk for e in by_slug("en", slug=first.slug)] == [first.pk]
    assert [e.pk for e in by_slug("en", slug=second.slug)] == [second.pk]
    assert by_slug("en", slug="nobody") == []
    assert by_slug("ar", slug=first.slug)[0].get_current_language() == "ar"


def test_a_compiled_query_refuses_values_it_cannot_place():
    unused = CompiledQuery(lambda language, pk: Expert.objects.with_translation(language))
    with pytest.raises(ValueError, match="not one parameter"):
        unused("en", pk=1)
    with pytest.raises(TypeError):
        unused("en", pk=[1, 2])


def test_with_translation_hands_out_independent_querysets():
    ExpertFactory(), ExpertFactory()
    one = Expert.objects.with_translation("en")
    assert len(one) == 2
    filtered = Expert.objects.with_translation("en").filter(slug="nobody")
    assert list(filtered) == []
    assert len(Expert.objects.with_translation("en")) == 2
    assert Expert.objects.with_translation("en") is not Expert.objects.with_translation("en")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.django_db(transaction=True)  # a session of its own: none prepared yet
def test_on_postgresql_the_page_queries_are_prepared_once_and_counted(settings):
    ArticleFactory(languages={"en": {"slug": "oil"}, "fa": {"slug": "naft"}})
    connection.close()

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                           ['%"articles_articletranslation"."slug"%'])  # fmt: skip
            return cursor.fetchone()[0]

    assert prepared() == 0
    with CaptureQueriesContext(connection) as queries:
        found = [page_data.public_versions("oil", "en") for _ in range(3)]
    assert prepared() == 1  # one statement for the three runs
    assert len(queries) == 3  # each still a query, logged and counted as Django's are
    assert [sorted(versions) for versions in found] == [["en", "fa"]] * 3
    settings.DATABASE_PREPARED_QUERIES = False
    assert sorted(page_data.public_versions("naft", "fa")) == ["en", "fa"]
