import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import (
    Article,
    ArticleTranslation,
    Attachment,
    Authorship,
    Correction,
    Episode,
    Event,
    RelatedArticle,
)
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

pytestmark = pytest.mark.django_db
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, ArticleTranslation, Authorship, Expert, Topic, Region, ArticleType)
    }


def test_seed_demo_makes_a_multilingual_corpus_and_a_login(capsys):
    call_command("seed_demo", articles=60)
    assert Article.objects.count() == 60
    assert Region.objects.filter(parent__isnull=False).exists()
    for lang in ("ar", "fa"):
        translations = ArticleTranslation.objects.filter(language_code=lang)
        titles = translations.values_list("title", flat=True)
        assert titles and all(ARABIC_SCRIPT.search(t) for t in titles)
        assert Article.objects.public(lang).exists()
        assert Expert.objects.language(lang).first().name != Expert.objects.first().name
    states = set(ArticleTranslation.objects.values_list("state", flat=True))
    assert states == {"draft", "review", "published"}
    assert Authorship.objects.filter(position=1).exists()  # several authors per article
    assert get_user_model().objects.get(username="admin").check_password("thinktank-demo")
    out = capsys.readouterr().out
    assert "Admin login: admin / thinktank-demo" in out
    assert "Editor login: editor / thinktank-demo" in out
    assert "Translator login: translator / thinktank-demo, translates into ar, fa" in out
    corrected = Correction.objects.values_list("language_code", flat=True)
    assert sorted(corrected) == ["ar", "en", "fa"]
    assert len({c.article_id for c in Correction.objects.all()}) == 1
    reports = Attachment.objects.all()
    assert sorted(a.language_code for a in reports) == ["ar", "en", "fa"]
    assert {a.pages for a in reports} == {1} and len({a.article_id for a in reports}) == 1
    [episode] = Episode.objects.all()
    assert (episode.duration_seconds, episode.mime_type) == (245, "audio/mpeg")
    assert set(episode.article.language_states().values()) == {"published"}
    upcoming, past = Event.objects.order_by("-starts_at")
    assert upcoming.is_over is False and past.is_over is True and past.recording_url
    for event in (upcoming, past):
        assert set(event.article.language_states().values()) == {"published"}
        assert event.article.article_type.safe_translation_getter("name") == "Event"
    assert sorted(upcoming.translations.values_list("language_code", flat=True)) == [
        "ar", "en", "fa"]  # fmt: skip
    translator = get_user_model().objects.get(username="translator")
    assert translator.has_perm("articles.translate_article")
    assert not translator.has_perm("articles.publish_article")


def test_seed_demo_run_twice_adds_nothing_and_a_larger_run_tops_up():
    call_command("seed_demo", articles=30)
    first = counts()
    call_command("seed_demo", articles=30)
    assert counts() == first
    call_command("seed_demo", articles=45, batch_size=7)
    assert Article.objects.count() == 45
    assert Expert.objects.count() == first["Expert"]


def test_the_seeded_pins_are_pieces_of_the_same_story_public_where_the_article_is_written():
    # Batches of 50: the pin of article 120 is an article of an earlier batch.
    call_command("seed_demo", articles=125, batch_size=50)
    pins = list(RelatedArticle.objects.select_related("article", "target"))
    assert len(pins) == 3  # articles 40, 80 and 120
    for pin in pins:
        article, target = pin.article, pin.target
        assert target != article
        assert set(article.topics.all()) & set(target.topics.all())
        shared_authors = set(article.authors.all()) & set(target.authors.all())
        shared_regions = set(article.regions.all()) & set(target.regions.all())
        assert shared_authors or shared_regions
        assert Article.objects.public(article.source_language).filter(pk=target.pk).exists()


def test_seed_demo_refuses_a_negative_count():
    with pytest.raises(CommandError, match="between 0"):
        call_command("seed_demo", articles=-1)


def test_seed_demo_reports_its_bulk_write_as_one_event_and_leaves_the_demo_complete():
    from core.events import SITE, content_changed
    from recommendations.models import Recommendation
    from search.models import SearchDocument

    sent = []

    def record(*, changes, **_signal):
        sent.append(changes)

    content_changed.connect(record, weak=False, dispatch_uid="test-seed-events")
    try:
        call_command("seed_demo", articles=25)
    finally:
        content_changed.disconnect(dispatch_uid="test-seed-events")
    # One event for the vocabulary (terms and experts, one transaction), one for the rest,
    # one each for the demo's correction, report and podcast episode of a piece in its
    # three languages, and one for its two events.
    assert len(sent) == 6
    assert [(c.kind, c.id) for c in sent[1]] == [(SITE, 0)]
    for changes in sent[2:]:
        assert all(c.public and c.languages == {"en", "ar", "fa"} for c in changes)
    published = ArticleTranslation.objects.filter(state="published")
    assert SearchDocument.objects.count() == published.count() > 0  # every one indexed
    assert Recommendation.objects.filter(article__in=Article.objects.all()).exists()
