"""Previews: staff see any state; a signed link works without an account until it expires."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.preview import preview_link
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def draft():
    return ArticleFactory(
        languages={
            "en": {"title": "Draft analysis", "state": "draft"},
            "fa": {
                "title": "پیش‌نویس",
                "state": "review",
                "body": '<p>متن<script>alert(1)</script><img src=x onerror="alert(1)"></p>',
            },
        }
    )


def assert_is_a_private_preview(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex' in html
    assert "Preview" in html or "پیش‌نمایش" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache = response["Cache-Control"]
    assert "private" in cache and "no-store" in cache


def test_staff_preview_any_state_in_the_public_template(client, translator):
    article = draft()
    client.force_login(translator)
    url = reverse("admin:articles_article_preview", args=[article.pk, "fa"])
    response = client.get(url)
    assert_is_a_private_preview(response)
    html = response.content.decode()
    assert "پیش‌نویس" in html and 'dir="rtl"' in html
    assert 'class="site-header"' in html and 'class="preview-banner"' in html  # The public page.
    assert "<script>alert" not in html and "onerror" not in html


def test_preview_needs_a_staff_login(client):
    article = draft()
    url = reverse("admin:articles_article_preview", args=[article.pk, "en"])
    assert client.get(url).status_code == 302  # To the admin login.


def test_a_shared_link_shows_one_translation_without_an_account(client):
    article = draft()
    response = client.get(preview_link(article.pk, "en"))
    assert_is_a_private_preview(response)
    assert "Draft analysis" in response.content.decode()


def test_a_shared_link_expires(client, settings):
    article = draft()
    link = preview_link(article.pk, "en")
    later = timezone.now() + timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE + 60)
    with time_machine.travel(later):
        assert client.get(link).status_code == 404


def test_a_tampered_link_is_refused(client):
    article = draft()
    link = preview_link(article.pk, "en")
    assert client.get(link.replace(":", ":x", 1)).status_code == 404


def test_the_change_form_offers_preview_and_a_share_link(client, editor):
    article = draft()
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert reverse("admin:articles_article_preview", args=[article.pk, "en"]) in html
    assert "http://testserver/preview/" in html
