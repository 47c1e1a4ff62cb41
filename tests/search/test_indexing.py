"""The index follows the content: every change readers could search for reaches it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleTranslation, Authorship, State
from search.indexing import index_articles
from search.models import SearchDocument
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def translation(article, language="en"):
    return ArticleTranslation.objects.get(master=article, language_code=language)


def test_publishing_and_unpublishing_a_translation(piece, find):
    article = piece("Hormuz shipping", state="review")
    assert find("hormuz ") == []
    t = translation(article)
    t.state = State.PUBLISHED
    t.save()
    assert find("hormuz ") == ["Hormuz shipping"]
    t.state = State.DRAFT
    t.save()
    assert find("hormuz ") == []
    assert not SearchDocument.objects.exists()


def test_editing_a_translation_reindexes_it(piece, find):
    article = piece("Hormuz shipping")
    t = translation(article)
    t.title = "Bab el-Mandeb shipping"
    t.summary = t.body = "Through the strait"
    t.save()
    assert find("hormuz ") == []
    assert find("mandeb ") == ["Bab el-Mandeb shipping"]


def test_a_scheduled_piece_is_found_from_its_time_with_nothing_saved(piece, find):
    at = timezone.now() + timedelta(hours=2)
    piece("Scheduled analysis", published_at=at)
    assert find("scheduled ") == []
    with time_machine.travel(at + timedelta(minutes=1)):
        assert find("scheduled ") == ["Scheduled analysis"]


def test_rescheduling_and_withdrawing_an_article(piece, find):
    article = piece("Hormuz shipping")
    article.published_at = timezone.now() + timedelta(days=1)
    article.save()
    assert find("hormuz ") == []
    article.published_at = timezone.now() - timedelta(days=1)
    article.save()
    assert find("hormuz ") == ["Hormuz shipping"]
    article.is_withdrawn = True
    article.save()
    assert find("hormuz ") == []


def test_deleting_an_article_or_a_translation_removes_it(piece, find):
    article = piece("Hormuz shipping")
    other = piece("Hormuz patrols")
    translation(other).delete()
    article.delete()
    assert find("hormuz ") == []
    assert not SearchDocument.objects.exists()


def test_authors_added_and_removed(piece, find):
    expert = ExpertFactory(names={"en": "Dana Stroul"})
    article = piece("Deterrence")
    Authorship.objects.create(article=article, expert=expert, position=0)
    assert find("stroul ") == ["Deterrence"]
    Authorship.objects.filter(article=article).delete()
    assert find("stroul ") == []


def test_renaming_an_expert_reindexes_their_pieces_in_that_language_only(find):
    expert = ExpertFactory(names={"en": "Dana Stroul", "ar": "دانا سترول"})
    ArticleFactory(languages={"en": "published", "ar": "published"}, authors=[expert])
    untouched = SearchDocument.objects.get(language_code="ar").pk
    expert.set_current_language("en")
    expert.name = "Dana Stroul-Smith"
    expert.save()
    assert len(find("smith ")) == 1
    assert SearchDocument.objects.get(language_code="ar").pk == untouched


def test_topics_set_renamed_and_deleted(piece, find):
    topic = TopicFactory(names={"en": "Proliferation"})
    article = piece("Centrifuges")
    article.topics.add(topic)
    assert find("proliferation ") == ["Centrifuges"]
    topic.set_current_language("en")
    topic.name = "Nonproliferation"
    topic.save()
    assert find("proliferation ") == []
    assert find("nonproliferation ") == ["Centrifuges"]
    topic.articles.clear()
    assert find("nonproliferation ") == []
    article.topics.add(topic)
    topic.delete()
    assert find("nonproliferation ") == []


def test_changing_the_content_type_reindexes(piece, find):
    podcast = ArticleTypeFactory(names={"en": "Podcast"})
    article = piece("Episode one")
    assert find("podcast ") == []
    article.article_type = podcast
    article.save()
    assert find("podcast ") == ["Episode one"]


def test_bulk_writes_are_indexed_by_an_explicit_call(piece, find):
    article = piece("Hormuz shipping")
    ArticleTranslation.objects.filter(master=article).update(title="Malacca shipping")
    assert find("malacca ") == []
    index_articles([article.pk])
    assert find("malacca ") == ["Malacca shipping"]


def test_rebuild_search_index_rebuilds_everything(piece, find, capsys):
    piece("Hormuz shipping")
    piece("Malacca shipping", "ar")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    assert find("hormuz ") == ["Hormuz shipping"]
    assert SearchDocument.objects.count() == 2
    assert "2 documents for 2 articles" in capsys.readouterr().out


def test_rebuild_of_one_language(piece):
    piece("Hormuz shipping")
    piece("مضيق هرمز", "ar")
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", language="ar", verbosity=0)
    assert list(SearchDocument.objects.values_list("language_code", flat=True)) == ["ar"]


def test_seed_demo_indexes_what_it_creates():
    call_command("seed_demo", articles=20, verbosity=0)
    published = ArticleTranslation.objects.filter(state=State.PUBLISHED).count()
    assert SearchDocument.objects.count() == published > 0
    assert Article.objects.count() == 20


def test_the_editorial_services_keep_the_index_current(piece, find, staff):
    from articles import services

    article = piece("Hormuz shipping", state="review")
    at = timezone.now() + timedelta(hours=3)
    services.translation_publish(article=article, language="en", user=staff, publish_at=at)
    assert find("hormuz ") == []  # scheduled
    with time_machine.travel(at + timedelta(minutes=1)):
        assert find("hormuz ") == ["Hormuz shipping"]
        services.article_withdraw(article=article, user=staff)
        assert find("hormuz ") == []
        services.article_reinstate(article=article, user=staff)
        assert find("hormuz ") == ["Hormuz shipping"]
        services.translation_unpublish(article=article, language="en", user=staff)
        assert find("hormuz ") == []
