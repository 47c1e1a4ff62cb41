"""A reader's data: seen, changed, exported and deleted from the preferences page; staff do
the same from the admin or a command."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from alerts.models import Sent, Subscriber, Subscription
from alerts.tokens import subscriber_token
from tests.alerts.helpers import subscribe
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db


def preferences_url(subscriber, prefix=""):
    return f"{prefix}/alerts/preferences/{subscriber_token(subscriber, 'preferences')}/"


def test_the_preferences_page_shows_what_is_kept(client):
    topic = TopicFactory()
    subscriber = subscribe("r@example.net", choices=[("topic", topic.pk)], languages=["fa"])
    page = client.get(preferences_url(subscriber, "/fa"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "r@example.net" in html
    assert topic.safe_translation_getter("name", language_code="fa") in html
    assert '<html lang="fa" dir="rtl">' in html
    assert "no-store" in page["Cache-Control"]


def test_preferences_can_be_changed_and_a_subscription_dropped(client):
    first, second = TopicFactory(), TopicFactory()
    subscriber = subscribe("r@example.net", choices=[("topic", first.pk), ("topic", second.pk)])
    dropped = subscriber.subscriptions.get(topic=first)
    answer = client.post(
        preferences_url(subscriber),
        {
            "action": "save",
            "language": "ar",
            "languages": ["ar", "fa"],
            "frequency": "daily",
            "removed": [dropped.pk],
        },
    )
    assert answer.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.languages, subscriber.frequency) == (
        "ar",
        ",ar,fa,",
        "daily",
    )
    assert [s.topic_id for s in subscriber.subscriptions.all()] == [second.pk]


def test_bad_preferences_are_a_400(client):
    subscriber = subscribe("r@example.net")
    answer = client.post(
        preferences_url(subscriber),
        {"action": "save", "language": "en", "languages": [], "frequency": "yearly"},
    )
    assert answer.status_code == 400
    assert "Choose at least one language." in answer.content.decode()


def test_a_reader_exports_its_data(client):
    subscriber = subscribe("r@example.net")
    ArticleFactory(languages={"en": "published"})
    answer = client.get(preferences_url(subscriber) + "data.json")
    assert answer["Content-Disposition"].startswith("attachment")
    data = json.loads(answer.content)
    assert data["email"] == "r@example.net"
    assert data["follows"] == [{"kind": "everything", "id": None, "name": None}]
    assert data["consent_confirmed_at"]
    assert len(data["sent"]) == 1


def test_a_reader_deletes_its_data_and_its_links_stop_working(client):
    subscriber = subscribe("r@example.net")
    ArticleFactory(languages={"en": "published"})
    url = preferences_url(subscriber)
    assert client.post(url, {"action": "delete"}).status_code == 200
    assert not Subscriber.objects.exists()
    assert not Sent.objects.exists() and not Subscription.objects.exists()
    assert client.get(url).status_code == 400


def test_unsubscribing_from_the_preferences_page(client):
    subscriber = subscribe("r@example.net")
    client.post(preferences_url(subscriber), {"action": "unsubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED


def test_the_command_exports_and_deletes_an_address(client):
    subscribe("r@example.net")
    out = io.StringIO()
    call_command("alerts_data", "export", "R@example.net", stdout=out)
    assert json.loads(out.getvalue())["email"] == "r@example.net"
    call_command("alerts_data", "delete", "r@example.net", stdout=io.StringIO())
    assert not Subscriber.objects.exists()
    with pytest.raises(CommandError):
        call_command("alerts_data", "export", "r@example.net")


def test_the_admin_lists_filters_exports_and_deletes(client, staff):
    topic = TopicFactory()
    subscribe("one@example.net", choices=[("topic", topic.pk)])
    subscribe("two@example.net", languages=["ar"])
    ArticleFactory(languages={"en": "published"}, topics=[topic])
    client.force_login(staff)
    page = client.get("/admin/alerts/subscriber/?reads=ar")
    assert "two@example.net" in page.content.decode()
    assert "one@example.net" not in page.content.decode()
    page = client.get("/admin/alerts/subscriber/?follows=topic&q=one")
    assert "one@example.net" in page.content.decode()
    assert client.get("/admin/alerts/sent/?state=sent").status_code == 200
    assert (
        client.get("/admin/alerts/subscriber/digest-preview/?frequency=weekly").status_code == 200
    )
    ids = list(Subscriber.objects.values_list("pk", flat=True))
    exported = client.post(
        "/admin/alerts/subscriber/", {"action": "export_data", "_selected_action": ids}
    )
    assert {s["email"] for s in json.loads(exported.content)} == {
        "one@example.net",
        "two@example.net",
    }
    client.post("/admin/alerts/subscriber/", {"action": "delete_data", "_selected_action": ids})
    assert not Subscriber.objects.exists()


def test_the_mailto_unsubscribe_is_honoured(monkeypatch, smtp):
    import sys
    from urllib.parse import unquote

    subscriber = subscribe("r@example.net")
    ArticleFactory(languages={"en": "published"})
    [alert] = smtp.messages
    mailto = alert["List-Unsubscribe"].split("<mailto:", 1)[1].rstrip(">")
    subject = unquote(mailto.split("subject=", 1)[1])
    reply = f"From: r@example.net\r\nTo: unsubscribe@example.org\r\nSubject: {subject}\r\n\r\n"

    class Stdin:
        buffer = io.BytesIO(reply.encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    call_command("alerts_mail_unsubscribe", stdout=io.StringIO())
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED
