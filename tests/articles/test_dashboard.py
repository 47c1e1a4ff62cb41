"""
The translation dashboard: its figures equal direct queries on the seeded demo corpus,
its query count does not grow with the corpus, its work list puts the newest published
source first, and a translator's admin home page is their language's work list.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTranslation
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic
from tests.articles.factories import ArticleFactory, UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db
LANGS = ("en", "ar", "fa")
OVERVIEW = reverse("admin:translations")


def language_page(language, **params):
    return reverse("admin:translations_language", args=[language]), params


def figures(bars) -> dict:
    return {bar["key"]: bar["count"] for bar in bars}


# What the dashboard shows, computed the slow, obvious way.


def expected_articles(language) -> dict:
    live = list(Article.objects.filter(is_withdrawn=False).prefetch_related("translations"))
    counts = {"published": 0, "review": 0, "draft": 0, "missing": 0, "outdated": 0}
    for article in live:
        translation = {t.language_code: t for t in article.translations.all()}.get(language)
        if translation is None:
            counts["missing"] += 1
            continue
        counts[translation.state] += 1
        if language != article.source_language:
            counts["outdated"] += translation.made_from_version < article.source_version
    return counts


def expected_terms(model, language) -> dict:
    objects = list(model.objects.prefetch_related("translations"))
    counts = {"translated": 0, "missing": 0, "outdated": 0}
    for obj in objects:
        translation = {t.language_code: t for t in obj.translations.all()}.get(language)
        if translation is None:
            counts["missing"] += 1
        else:
            counts["translated"] += 1
            if language != "en":
                counts["outdated"] += translation.made_from_version < obj.source_version
    return counts


def expected_work(language) -> set[int]:
    work = set()
    for article in Article.objects.prefetch_related("translations"):
        by_language = {t.language_code: t for t in article.translations.all()}
        source, target = by_language.get(article.source_language), by_language.get(language)
        if (
            article.is_withdrawn
            or article.published_at is None
            or article.source_language == language
            or source is None
            or source.state != "published"
        ):
            continue
        if (
            target is None
            or target.state == "draft"
            or target.made_from_version < article.source_version
        ):
            work.add(article.pk)
    return work


def test_the_figures_equal_direct_queries_on_the_seeded_corpus(client, editor):
    call_command("seed_demo", articles=300, verbosity=0)
    assert ArticleTranslation.objects.outdated().count() > 10  # The corpus has some.
    assert Expert.objects.filter(source_version__gt=0).exists()
    client.force_login(editor)
    response = client.get(OVERVIEW)
    rows = {row["code"]: row for row in response.context["rows"]}
    for language in LANGS:
        want = expected_articles(language)
        assert figures(rows[language]["bars"]) == want
        url, _params = language_page(language)
        page = client.get(url).context
        assert figures(page["article_bars"]) == want
        assert page["page"].paginator.count == len(expected_work(language))
        for term, model in zip(page["terms"], (Expert, Topic, Region, ArticleType), strict=True):
            assert figures(term["bars"]) == expected_terms(model, language), (language, model)
    # Every article is counted once per language: the states and "missing" add up.
    total = Article.objects.filter(is_withdrawn=False).count()
    fa = figures(rows["fa"]["bars"])
    assert sum(fa.values()) - fa["outdated"] == total


def test_the_query_count_does_not_grow_with_the_number_of_articles(client, editor):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(editor)
    # Each batch in one transaction, as an import writes it: one "content changed" event
    # for all, where one per article cost most of the test's time. The same rows.
    with transaction.atomic():
        ArticleFactory.create_batch(
            3, languages={"en": "published", "ar": "draft"}, topics=[TopicFactory()]
        )
    few = {url: queries(url) for url in (OVERVIEW, language_page("fa")[0])}
    with transaction.atomic():
        ArticleFactory.create_batch(
            30, languages={"en": "published", "ar": "draft"}, topics=[TopicFactory()]
        )
        ExpertFactory.create_batch(5, languages=("en",))
    assert {url: queries(url) for url in few} == few


def test_the_overview_takes_a_fixed_number_of_queries(client, editor, django_assert_num_queries):
    ArticleFactory.create_batch(4, languages={"en": "published", "fa": "review"})
    client.force_login(editor)
    # Session and user (2), the user's permissions for the menu (2), articles (2), the
    # translations with untranslated names (1), and the four kinds of experts and terms
    # (2 each).
    with django_assert_num_queries(15):
        client.get(OVERVIEW)


def test_the_work_list_puts_the_newest_published_source_first(client, editor):
    now = timezone.now()
    old = ArticleFactory(published_at=now - timedelta(days=9), languages={"en": "published"})
    new = ArticleFactory(published_at=now - timedelta(days=1), languages={"en": "published"})
    draft = ArticleFactory(published_at=now - timedelta(days=3),
                           languages={"en": "published", "fa": "draft"})  # fmt: skip
    ArticleFactory(languages={"en": "review"})  # Source not published yet: not listed.
    ArticleFactory(languages={"en": "published", "fa": "published"})  # Done.
    ArticleFactory(languages={"en": "published", "fa": "review"})  # With the editors.
    ArticleFactory(is_withdrawn=True, languages={"en": "published"})  # Withdrawn.
    ArticleFactory(source_language="fa", languages={"fa": "published"})  # Written in Farsi.
    client.force_login(editor)
    url, _params = language_page("fa")
    items = client.get(url).context["items"]
    assert [item["object"].pk for item in items] == [new.pk, draft.pk, old.pk]
    assert [item["status"] for item in items] == ["Missing", "Draft", "Missing"]


def test_an_outdated_translation_is_listed_whatever_its_state(client, editor):
    article = ArticleFactory(languages={"en": "published", "fa": "published"})
    client.force_login(editor)
    url, _params = language_page("fa")
    assert client.get(url).context["items"] == []
    data = open_form(client, article, "en")
    data["title"] = "A revised title"
    client.post(change_url(article, "en"), data)
    items = client.get(url).context["items"]
    assert [(i["object"].pk, i["status"], i["outdated"]) for i in items] == [
        (article.pk, "outdated (Published)", True)
    ]
    assert client.get(url, {"status": "outdated"}).context["items"] == items
    assert client.get(url, {"status": "missing"}).context["items"] == []


def test_the_work_list_filters_by_topic_and_type(client, editor):
    energy, security = TopicFactory(), TopicFactory()
    brief, podcast = ArticleTypeFactory(), ArticleTypeFactory()
    on_energy = ArticleFactory(topics=[energy], article_type=brief)
    on_security = ArticleFactory(topics=[security], article_type=podcast)
    client.force_login(editor)
    url, _params = language_page("ar")

    def listed(**params):
        return {item["object"].pk for item in client.get(url, params).context["items"]}

    assert listed() == {on_energy.pk, on_security.pk}
    assert listed(topic=energy.pk) == {on_energy.pk}
    assert listed(type=podcast.pk) == {on_security.pk}
    assert listed(topic=energy.pk, type=podcast.pk) == set()


def test_malformed_filters_are_reported_not_an_error(client, editor):
    ArticleFactory()
    client.force_login(editor)
    url, _params = language_page("ar")
    response = client.get(url, {"topic": "energy", "status": "urgent", "p": "x", "list": "?"})
    assert response.status_code == 200
    assert "A filter was not understood and is not applied" in response.content.decode()
    assert len(response.context["items"]) == 1
    assert client.get(reverse("admin:translations_language", args=["de"])).status_code == 404


def test_experts_and_terms_have_their_own_work_lists(client, editor):
    dana = ExpertFactory(languages=("en", "ar"), names={"en": "Dana Stroul"})
    ExpertFactory(names={"en": "Done Everywhere"})
    TopicFactory(languages=("en",), names={"en": "Energy"})
    client.force_login(editor)
    url, _params = language_page("fa")
    response = client.get(url, {"list": "experts"})
    items = response.context["items"]
    assert [(str(i["object"]), i["status"]) for i in items] == [("Dana Stroul", "Missing")]
    link = reverse("admin:experts_expert_translate", args=[dana.pk, "fa"])
    assert f'href="{link}"' in response.content.decode()
    items = client.get(url, {"list": "topics"}).context["items"]
    assert [str(i["object"]) for i in items] == ["Energy"]
    assert client.get(language_page("en")[0], {"list": "topics"}).context["items"] == []


def test_a_translator_lands_on_their_languages_work_list(client, translator):
    client.force_login(translator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:translations_language", args=["fa"])
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.context["assigned"] == {"fa"}


def test_editors_land_on_the_admin_index_which_links_the_dashboard(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{OVERVIEW}"' in html
    assert f'href="{reverse("admin:translations_language", args=["fa"])}"' in html


def test_staff_without_access_to_articles_may_not_see_the_dashboard(client):
    client.force_login(UserFactory())  # Staff, no role.
    assert client.get(OVERVIEW).status_code == 403
