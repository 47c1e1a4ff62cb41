import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")


def make_articles(n):
    """
    Create n articles in one transaction, as an import writes them: one "content changed"
    event for all, where one per article cost most of the test's time. The same rows.
    """
    with transaction.atomic():
        kind, topic, region = ArticleTypeFactory(), TopicFactory(), RegionFactory()
        for _ in range(n):
            ArticleFactory(
                article_type=kind,
                languages={"en": "published", "ar": "review"},
                topics=[topic],
                regions=[region],
                authors=[ExpertFactory()],
            )


def changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_change_list_query_count_does_not_grow_with_rows(client, staff):
    client.force_login(staff)
    make_articles(5)
    with_five = changelist_queries(client)
    make_articles(45)
    assert changelist_queries(client) == with_five


def test_change_list_shows_each_languages_state(client, staff):
    client.force_login(staff)
    ArticleFactory(languages={"en": "published", "ar": "review"})
    html = client.get(CHANGELIST).content.decode()
    assert "EN Published" in html and "AR In review" in html and "FA Missing" in html


def test_state_filter_applies_to_the_chosen_language(client, staff):
    client.force_login(staff)
    ArticleFactory(languages={"en": {"title": "Both", "state": "published"}, "ar": "review"})
    ArticleFactory(languages={"en": {"title": "English only", "state": "review"}})
    response = client.get(CHANGELIST, {"lang": "ar", "state": "review"})
    assert [str(a) for a in response.context["cl"].result_list] == ["Both"]
    response = client.get(CHANGELIST, {"lang": "ar", "state": "missing"})
    assert [str(a) for a in response.context["cl"].result_list] == ["English only"]
    response = client.get(CHANGELIST, {"state": "review"})
    assert {str(a) for a in response.context["cl"].result_list} == {"Both", "English only"}


def article_form(kind, **overrides):
    data = {
        "title": "Oil and Power",
        "slug": "",
        "summary": "A summary.",
        "body": "<p>Body.</p>",
        "author_note": "",
        "state": State.DRAFT,
        "article_type": kind.pk,
        "source_language": "en",
        "published_at_0": "",
        "published_at_1": "",
        "hero_alt": "",
        "hero_credit": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "pins-TOTAL_FORMS": "0",
        "pins-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_creates_an_arabic_article_with_a_transliterated_slug(client, staff):
    client.force_login(staff)
    kind = ArticleTypeFactory()
    expert = ExpertFactory()
    data = article_form(
        kind,
        title="خطاب خامنئي يرسم حدود المشاركة مع الغرب",
        source_language="ar",
        **{
            "authorships-TOTAL_FORMS": "1",
            "authorships-0-expert": expert.pk,
            "authorships-0-position": "0",
        },
    )
    response = client.post(reverse("admin:articles_article_add") + "?language=ar", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.created_by == staff
    assert list(article.authors.all()) == [expert]
    translation = article.translations.get()
    assert translation.language_code == "ar"
    assert translation.slug == "khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb"


def test_admin_reports_a_taken_slug_as_a_form_error(client, staff):
    client.force_login(staff)
    ArticleFactory(languages={"en": {"slug": "oil-and-power"}})
    TopicFactory(languages=("en",), names={"en": "Energy"})
    kind = ArticleTypeFactory()
    url = reverse("admin:articles_article_add")

    response = client.post(url, article_form(kind, slug="oil-and-power"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors

    response = client.post(url, article_form(kind, slug="energy"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["slug"]
    assert "already used in this language by topic" in errors[0]
    assert Article.objects.count() == 1  # nothing saved, no database error


@pytest.mark.parametrize(
    "name",
    [
        "taxonomy_topic",
        "taxonomy_region",
        "taxonomy_articletype",
        "experts_expert",
        "articles_article",
    ],
)
def test_every_admin_page_opens(client, staff, name):
    client.force_login(staff)
    region = RegionFactory()
    RegionFactory(parent=region)
    ArticleFactory(topics=[TopicFactory()], regions=[region], authors=[ExpertFactory()])
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{name}_add")).status_code == 200
    model = {
        "taxonomy_topic": "taxonomy.Topic",
        "taxonomy_region": "taxonomy.Region",
        "taxonomy_articletype": "taxonomy.ArticleType",
        "experts_expert": "experts.Expert",
        "articles_article": "articles.Article",
    }[name]
    from django.apps import apps

    obj = apps.get_model(model).objects.first()
    for lang in ("en", "ar", "fa"):
        url = reverse(f"admin:{name}_change", args=[obj.pk]) + f"?language={lang}"
        assert client.get(url).status_code == 200
