"""Editors keep synonym sets in the admin; a change reaches cached search pages at once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.events import Change
from search.models import SynonymSet
from search.services import SYNONYMS, synonym_set_delete, synonym_set_save
from tests.articles.factories import ArticleFactory, UserFactory
from thinktank.invalidation import tags_for

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/search/synonymset/add/"


@pytest.fixture
def editor():
    return UserFactory(username="synonym-editor", role="Editor")


def test_an_editor_adds_a_set_in_the_admin_and_anonymous_cached_search_pages_follow(client, editor):
    ArticleFactory(
        languages={
            "en": {"title": "Hizballah on the border"},
            "ar": {"title": "حزب الله على الحدود"},
        }
    )
    first = client.get("/ar/search/", {"q": "Hezbollah"})
    assert "حزب الله على الحدود" not in first.content.decode()
    assert client.get("/ar/search/", {"q": "Hezbollah"})["X-Page-Cache"] == "hit"

    staff = client.__class__()
    staff.force_login(editor)
    response = staff.post(ADD_URL, {"name": "Hezbollah", "terms": "Hezbollah\nHizballah\nحزب الله"})
    assert response.status_code == 302, response.content.decode()[:2000]

    page = client.get("/ar/search/", {"q": "Hezbollah"})
    assert page["X-Page-Cache"] == "miss"
    assert "<mark>حزب الله</mark> على الحدود" in page.content.decode()
    english = client.get("/search/", {"q": "حزب الله"}).content.decode()
    assert "<mark>Hizballah</mark> on the border" in english


def test_the_admin_refuses_a_set_of_one_spelling_or_one_that_overlaps_another(client, editor):
    synonym_set_save(synonym_set=SynonymSet(name="Houthis", terms="Houthis\nالحوثيون"), user=None)
    client.force_login(editor)
    alone = client.post(ADD_URL, {"name": "Alone", "terms": "Hezbollah"})
    assert "Give at least two spellings" in alone.content.decode()
    overlap = client.post(ADD_URL, {"name": "Again", "terms": "Huthis\nالحوثيون"})
    assert "already in the set “Houthis”" in overlap.content.decode()
    assert list(SynonymSet.objects.values_list("name", flat=True)) == ["Houthis"]


def test_an_author_may_not_change_synonym_sets(editor):
    author = UserFactory(username="synonym-author", role="Author")
    with pytest.raises(PermissionDenied):
        synonym_set_save(synonym_set=SynonymSet(name="X", terms="a\nb"), user=author)
    synonym = synonym_set_save(synonym_set=SynonymSet(name="X", terms="a\nb"), user=editor)
    with pytest.raises(PermissionDenied):
        synonym_set_delete(synonym_set=synonym, user=author)
    synonym_set_delete(synonym_set=synonym, user=editor)
    assert not SynonymSet.objects.exists()


def test_a_spelling_of_punctuation_alone_is_refused():
    with pytest.raises(ValidationError):
        synonym_set_save(synonym_set=SynonymSet(name="X", terms="Hezbollah\n---"), user=None)


def test_a_synonym_change_makes_every_languages_search_pages_stale_and_nothing_else():
    change = Change(kind=SYNONYMS, id=1, languages=frozenset({"en", "ar", "fa"}), public=True)
    assert tags_for([change]) == {"any", "search-en", "search-ar", "search-fa"}
