"""What readers get from the editorial work: safe bodies, responsive images, old links."""

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from articles import services
from articles.redirects import article_url
from experts.models import Expert
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db

XSS_BODY = (
    "<h2>Subhead</h2><p>Safe <strong>text</strong>"
    '<script>alert("body")</script>'
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">bad link</a>'
    '<a href="/policy-analysis/other">good link</a></p>'
    "<svg><script>alert(1)</script></svg>"
    '<p style="color:red" onclick="alert(1)">styled</p><iframe src="https://x.example"></iframe>'
)


def jpeg(size=(1800, 1000)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="hero.jpg")


def page(client, article, language="en"):
    response = client.get(article_url(article.translations.get(language_code=language)))
    assert response.status_code == 200
    return response.content.decode()


def test_xss_in_a_stored_body_never_reaches_the_reader(client):
    # Stored directly, as an import or an old row might: the page still sanitizes it.
    article = ArticleFactory(languages={"en": {"body": XSS_BODY}})
    html = page(client, article)
    body = html[html.index('class="body"') :]
    for bad in ("<script", "onerror", "javascript:", "onclick", "style=", "<iframe", "<svg"):
        assert bad not in body, bad
    assert "<h2>Subhead</h2>" in body and '<a href="/policy-analysis/other"' in body


def test_expert_bios_are_sanitized_on_the_expert_and_article_pages(client):
    expert = ExpertFactory()
    for code in ("en",):
        expert.set_current_language(code)
        expert.short_bio = '<p>Fellow <script>alert(1)</script><a href="javascript:x">x</a></p>'
        expert.full_bio = '<p onmouseover="alert(1)">Full <em>bio</em></p><script>x</script>'
    expert.save()
    article = ArticleFactory(authors=[expert])
    html = page(client, article)
    assert "<script" not in html.split("<body", 1)[1] and "javascript:" not in html
    expert_page = client.get(Expert.objects.get(pk=expert.pk).get_absolute_url()).content.decode()
    assert "<p>Full <em>bio</em></p>" in expert_page
    assert "onmouseover" not in expert_page and "<script>x" not in expert_page


def test_the_hero_image_is_served_with_webp_renditions_in_a_srcset(client):
    cache.clear()
    article = ArticleFactory(languages={"en": {"hero_alt": "Tankers in the Gulf"}})
    article.hero_image.save("hero.jpg", jpeg())
    html = page(client, article)
    assert '<picture><source type="image/webp" srcset="' in html
    assert "-800.webp 800w" in html and "-1600.webp 1600w" in html
    assert 'alt="Tankers in the Gulf" width="1800" height="1000"' in html


def test_an_old_slug_answers_with_a_permanent_redirect_in_its_language(client, editor):
    article = ArticleFactory(
        languages={"en": {"slug": "oil-and-power"}, "ar": {"slug": "alnaft-walsulta"}}
    )
    client.force_login(editor)
    data = open_form(client, article, "ar")
    data["slug"] = "alnaft-walsulta-fi-alkhalij"
    assert client.post(change_url(article, "ar"), data).status_code == 302
    client.logout()

    response = client.get("/ar/policy-analysis/alnaft-walsulta")
    assert response.status_code == 301
    assert response["Location"] == "/ar/policy-analysis/alnaft-walsulta-fi-alkhalij"
    assert client.get(response["Location"]).status_code == 200
    # The English address is untouched, and the old Arabic slug means nothing in English.
    assert client.get("/policy-analysis/oil-and-power").status_code == 200
    assert client.get("/policy-analysis/alnaft-walsulta").status_code == 404


def test_an_old_slug_of_an_unpublished_translation_does_not_redirect(client, editor):
    article = ArticleFactory(languages={"en": {"slug": "first-name"}})
    client.force_login(editor)
    data = open_form(client, article, "en")
    data["slug"] = "second-name"
    client.post(change_url(article, "en"), data)
    services.translation_unpublish(article=article, language="en", user=editor)
    client.logout()
    assert client.get("/policy-analysis/first-name").status_code == 404


def test_article_url_is_the_public_address_in_each_language():
    article = ArticleFactory(languages={"fa": {"slug": "naft"}})
    with translation.override("en"):
        assert article_url(article.translations.get()) == "/fa/policy-analysis/naft"
