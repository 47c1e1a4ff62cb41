"""Hero images through the article admin: only whole images are stored; the rest is refused."""

import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from articles.models import Article, ArticleRevision
from core import images
from tests.articles.factories import ArticleFactory
from tests.images import BROKEN, EXTENSIONS, image_bytes, stored_files, upload

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", list(BROKEN))
def test_an_image_that_is_not_whole_is_refused_and_nothing_the_editor_typed_is_lost(
    client, editor, case
):
    name, content, message = BROKEN[case]
    article = ArticleFactory(languages={"en": {"state": "draft", "title": "Oil and power"}})
    client.force_login(editor)
    data = open_form(client, article)
    revisions = ArticleRevision.objects.filter(article=article).count()
    before = stored_files(default_storage, "articles")
    typed = {
        "title": "Oil, power and the Gulf",
        "summary": "What the editor typed before choosing the file.",
        "hero_alt": "Tankers at anchor off Bandar Abbas",
        "hero_credit": "Photo: the institute",
    }
    data.update(typed, hero_image=upload(name, content))

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [message]
    html = response.content.decode()
    assert message in html
    form = response.context["adminform"].form
    for field, value in typed.items():
        assert form[field].value() == value and value in html
    # Nothing saved: no file, no change to the article, no revision.
    assert stored_files(default_storage, "articles") == before
    article = Article.objects.language("en").get(pk=article.pk)
    assert not article.hero_image and article.title == "Oil and power"
    assert ArticleRevision.objects.filter(article=article).count() == revisions


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_whole_hero_image_is_stored_under_its_type_and_gets_renditions(client, editor, fmt):
    cache.clear()
    article = ArticleFactory(languages={"en": "draft"})
    client.force_login(editor)
    data = open_form(client, article)
    data.update(
        hero_image=upload("harbour.bin", image_bytes(fmt), content_type="text/html"),
        hero_alt="A harbour",
    )

    assert client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    # Named after what it is (the storage may add a suffix to keep names unique).
    assert re.fullmatch(rf"articles/harbour(_\w+)?\.{EXTENSIONS[fmt]}", article.hero_image.name)
    for width in (160, 320, 480, 800):
        assert default_storage.exists(images._rendition_name(article.hero_image.name, width))
