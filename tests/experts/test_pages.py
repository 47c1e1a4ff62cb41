import pytest

from experts.models import ExpertLink
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert():
    person = ExpertFactory(
        names={"en": "Hanin Haddad", "ar": "حنين حداد"},
        languages=("en", "ar"),
        is_current=True,
    )
    ExpertLink.objects.create(expert=person, kind=ExpertLink.Kind.EMAIL, url="hanin@example.org")
    return person


def test_expert_page_shows_profile_topics_and_public_pieces(client, expert):
    energy, iran = TopicFactory(names={"en": "Energy"}), TopicFactory(names={"en": "Iran"})
    ArticleFactory(authors=[expert], topics=[energy], languages={"en": {"title": "One"}})
    ArticleFactory(authors=[expert], topics=[energy, iran], languages={"en": {"title": "Two"}})
    ArticleFactory(authors=[expert], languages={"en": {"title": "Hidden", "state": "review"}})

    response = client.get("/experts/hanin-haddad")
    html = response.content.decode()
    assert "<h1>Hanin Haddad</h1>" in html
    assert "Fellow" in html
    assert 'href="mailto:hanin@example.org"' in html
    assert sorted(a.title for a in response.context["articles"]) == ["One", "Two"]
    assert [t.name for t in response.context["top_topics"]] == ["Energy", "Iran"]
    assert 'href="/ar/experts/hanin-haddad" lang="ar"' in html


def test_expert_page_exists_only_in_translated_languages(client, expert):
    assert client.get("/ar/experts/hanin-haddad").status_code == 200
    assert client.get("/fa/experts/hanin-haddad").status_code == 404


def test_expert_index_lists_current_and_former_experts(client, expert):
    ExpertFactory(names={"en": "Former Person"}, is_current=False)
    html = client.get("/experts/").content.decode()
    assert html.index("Hanin Haddad") < html.index("Former experts") < html.index("Former Person")
