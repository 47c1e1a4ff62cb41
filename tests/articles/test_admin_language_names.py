"""
The admin names each language as the site does, in its own script (English, العربية,
فارسی), in every interface language: parler's tabs, filters, the workflow's columns and
messages, the translation dashboard and the translator assignment.
"""

import re

import pytest
from django.urls import reverse

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db

# Names the admin used to give, beside the site's own: Django's "Persian", the catalogues'
# "الفارسية", "الإنجليزية", "عربی", "انگلیسی", and the English copy's "Farsi".
OTHER_NAMES = re.compile(r"Persian|Farsi|>Arabic<|الفارسية|الإنجليزية|عربی|انگلیسی|فارسي")


@pytest.fixture
def article():
    return ArticleFactory(languages={"en": "published", "ar": "review"})


def admin_pages(article, staff):
    return [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_change", args=[article.pk]) + "?language=fa",
        reverse("admin:articles_article_changelist"),
        reverse("admin:translations"),
        reverse("admin:translations_language", args=["fa"]),
        reverse("admin:auth_user_change", args=[staff.pk]),
        reverse("admin:experts_expert_change", args=[ExpertFactory().pk]),
    ]


@pytest.mark.parametrize("interface", ["en", "ar", "fa"])
def test_every_admin_page_names_languages_as_the_site_does(client, staff, article, interface):
    client.force_login(staff)
    client.cookies["django_language"] = interface
    for url in admin_pages(article, staff):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not OTHER_NAMES.findall(html), url
        # Named on the page itself, not only in the interface-language switcher.
        page = re.sub(r'<form class="admin-language".*?</form>', "", html, flags=re.S)
        assert "فارسی" in page and "العربية" in page, url


def test_the_tabs_filter_and_assignment_offer_the_sites_names(client, staff, article):
    client.force_login(staff)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    tabs = re.findall(
        r'<span class="(?:current|available|empty)">(?:<a [^>]*>)?([^<]+)',
        change.content.decode(),
    )
    assert tabs == ["English", "العربية", "فارسی"]  # parler's language tabs
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '?lang=fa"' in listing and ">فارسی</a>" in listing
    user = client.get(reverse("admin:auth_user_change", args=[staff.pk])).content.decode()
    assert '<option value="fa">فارسی</option>' in user
    assert '<option value="ar">العربية</option>' in user


def test_workflow_messages_name_the_language_as_the_site_does(client, staff, article):
    client.force_login(staff)
    client.cookies["django_language"] = "ar"
    url = reverse("admin:articles_article_change", args=[article.pk]) + "?language=ar"
    html = client.get(url).content.decode()
    assert "العربية" in html and "الفارسية" not in html
