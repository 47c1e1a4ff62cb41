"""A posted author, pin or term id that is not a real id is a form error, never a 500."""

import pytest

from tests.articles.admin_forms import change_url, open_form
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "99999999999999999999999", "-1", "1.5", "\u0661"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_author_or_pin_id_shows_the_form_again_with_an_error(client, staff, bad):
    article = ArticleFactory(authors=[ExpertFactory()], languages={"en": "published"})
    client.force_login(staff)
    data = open_form(client, article)
    data["authorships-0-expert"] = bad
    data["pins-0-target"] = bad if "pins-0-target" in data else None
    data = {key: value for key, value in data.items() if value is not None}
    data["topics"] = [bad]
    data["article_type"] = bad

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors or any(
        formset.errors for formset in response.context["inline_admin_formsets"]
    )
    article.refresh_from_db()
    assert article.authors.count() == 1


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_parent_region_id_is_a_form_error(client, staff, bad):
    region = RegionFactory()
    client.force_login(staff)
    url = f"/admin/taxonomy/region/{region.pk}/change/?language=en"
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["parent"] = bad

    response = client.post(url, data)

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
