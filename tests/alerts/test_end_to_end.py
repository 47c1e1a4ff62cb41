"""
The whole path in each language, through a real SMTP server: subscribe, confirm, a piece
is published, the alert arrives (headers, both parts, links), one-click unsubscribe,
and nothing more arrives.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from alerts.models import Subscriber
from tests.alerts.smtp import parts
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db

PREFIX = {"en": "", "ar": "/ar", "fa": "/fa"}
LINK = re.compile(r"https://analysis\.example\.org/[^\s\"<>]+")


def links(text: str) -> list[str]:
    return LINK.findall(text)


def path_of(url: str) -> str:
    return urlsplit(url).path


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_subscribe_confirm_alert_unsubscribe_nothing_more(client, smtp, language):
    topic = TopicFactory()
    address = f"reader-{language}@example.net"
    prefix = PREFIX[language]

    page = client.get(f"{prefix}/alerts/?topic={topic.pk}")
    assert page.status_code == 200
    assert f'value="{topic.pk}" id="id_topic_0" checked' in page.content.decode()
    answer = client.post(
        f"{prefix}/alerts/",
        {
            "email": address,
            "topic": [topic.pk],
            "languages": [language],
            "frequency": "instant",
            "language": language,
        },
    )
    assert answer.status_code == 200
    assert not Subscriber.objects.exists()  # nothing stored before confirmation

    [confirmation] = smtp.to(address)
    text, html = parts(confirmation)
    [confirm_url] = {u for u in links(text) if "/alerts/confirm/" in u}
    assert confirm_url in html
    assert path_of(confirm_url).startswith(f"{prefix}/alerts/confirm/")
    if language != "en":
        assert 'dir="rtl"' in html and f'lang="{language}"' in html
    assert client.get(path_of(confirm_url)).status_code == 200
    assert not Subscriber.objects.exists()  # a GET (a mail scanner) confirms nothing
    confirmed = client.post(path_of(confirm_url))
    assert confirmed.status_code == 302
    assert client.get(confirmed["Location"]).status_code == 200
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.is_active and subscriber.language_list == [language]
    smtp.clear()

    author = ExpertFactory()
    article = ArticleFactory(
        languages={language: {"summary": f"Summary in {language}"}},
        topics=[topic],
        authors=[author],
    )
    [alert] = smtp.to(address)
    translation = article.translations.get(language_code=language)
    assert translation.title in alert["Subject"]
    assert alert["From"] == "alerts@example.org"
    unsubscribe_header = alert["List-Unsubscribe"]
    https_url, mailto = re.findall(r"<([^>]+)>", unsubscribe_header)
    assert (
        https_url.startswith("https://analysis.example.org/")
        and "/alerts/unsubscribe/" in https_url
    )
    assert mailto.startswith("mailto:unsubscribe@example.org?subject=unsubscribe")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(alert)
    piece_url = f"https://analysis.example.org{prefix}/policy-analysis/{translation.slug}"
    for body in (text, html):
        assert translation.title in body
        assert f"Summary in {language}" in body
        assert author.safe_translation_getter("name", language_code=language) in body
        assert article.article_type.safe_translation_getter("name", language_code=language) in body
        assert piece_url in body
        assert any("/alerts/preferences/" in u for u in links(body))
    assert f'<html lang="{language}" dir="{"ltr" if language == "en" else "rtl"}">' in html

    # One click in the mail client: a POST without session or CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    done = mail_client.post(
        path_of(https_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED
    smtp.clear()

    ArticleFactory(languages={language: "published"}, topics=[topic])
    assert smtp.messages == []
