"""The subscribe page: no enumeration, rate limits, signed links, bad input is a 400."""

import re
import time

import pytest
import time_machine
from django.core import mail
from django.core.signing import TimestampSigner

from alerts.models import Subscriber
from alerts.tokens import CONFIRM_SALT, confirm_token, subscriber_token
from tests.alerts.helpers import subscribe
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def request_for(email, **extra):
    return {
        "email": email,
        "everything": "on",
        "languages": ["en"],
        "frequency": "instant",
        "language": "en",
        **extra,
    }


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/alerts/confirm/[^/\s]+/", message.body).group(0)


def without_csrf(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client):
    subscribe("known@example.net")
    known = client.post("/alerts/", request_for("known@example.net"))
    unknown = client.post("/alerts/", request_for("unknown@example.net"))
    assert known.status_code == unknown.status_code == 200
    assert without_csrf(known.content).replace("known", "X") == without_csrf(
        unknown.content
    ).replace("unknown", "X")
    # Both get the same kind of message: a confirmation link.
    assert [m.subject for m in mail.outbox][0] == [m.subject for m in mail.outbox][1]


def test_nothing_is_stored_or_sent_until_the_link_is_followed(client):
    client.post("/alerts/", request_for("new@example.net"))
    assert not Subscriber.objects.exists()
    [message] = mail.outbox
    assert message.to == ["new@example.net"]
    assert "List-Unsubscribe" not in message.extra_headers  # not a subscriber yet
    ArticleFactory(languages={"en": "published"})
    assert len(mail.outbox) == 1


def test_the_follow_link_of_a_page_chooses_what_it_shows(client):
    topic, region, kind = TopicFactory(), RegionFactory(), ArticleTypeFactory()
    expert = ExpertFactory()
    page = client.get(
        f"/ar/alerts/?topic={topic.pk}&region={region.pk}&type={kind.pk}&expert={expert.pk}"
    )
    html = page.content.decode()
    assert page.status_code == 200
    for name, pk in (("topic", topic), ("region", region), ("type", kind), ("expert", expert)):
        assert re.search(rf'name="{name}" value="{pk.pk}"[^>]*checked', html), name
    assert expert.safe_translation_getter("name", language_code="ar") in html
    assert '<html lang="ar" dir="rtl">' in html


def test_confirming_follows_what_was_chosen(client):
    topic, expert = TopicFactory(), ExpertFactory()
    client.post(
        "/fa/alerts/",
        {
            "email": "Reader@Example.net ",
            "topic": [topic.pk],
            "expert": [expert.pk],
            "languages": ["fa", "en"],
            "frequency": "weekly",
            "language": "fa",
        },
    )
    link = confirm_link(mail.outbox[0])
    assert "/fa/alerts/confirm/" in link
    client.post(link.split("example.org", 1)[-1])
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.net"
    assert subscriber.language == "fa" and subscriber.language_list == ["en", "fa"]
    assert subscriber.frequency == "weekly"
    assert {(s.kind, s.target_id) for s in subscriber.subscriptions.all()} == {
        ("topic", topic.pk),
        ("expert", expert.pk),
    }


def test_a_second_confirmation_adds_to_what_is_followed(client):
    first, second = TopicFactory(), TopicFactory()
    subscribe("r@example.net", choices=[("topic", first.pk)])
    subscriber = subscribe("r@example.net", choices=[("topic", second.pk), ("topic", first.pk)])
    assert sorted(s.target_id for s in subscriber.subscriptions.all()) == [first.pk, second.pk]


@pytest.mark.parametrize(
    "query",
    ["topic=abc", "region=-1", "expert=1e3", "type=%00", "topic=" + "9" * 40],
)
def test_a_malformed_follow_link_is_a_400_that_says_so(client, query):
    page = client.get(f"/alerts/?{query}")
    assert page.status_code == 400
    assert "not an id" in page.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"email": "not-an-address"},
        {"email": "a@example.net\nBcc: b@example.net"},
        {"languages": ["xx"]},
        {"frequency": "hourly"},
        {"everything": "", "topic": ["999999"]},
        {"everything": ""},
    ],
)
def test_a_bad_form_is_a_400_with_its_error_and_sends_nothing(client, change):
    page = client.post("/alerts/", {**request_for("r@example.net"), **change})
    assert page.status_code == 400
    assert 'class="field-error"' in page.content.decode() or "form-errors" in page.content.decode()
    assert mail.outbox == []


def test_an_expert_id_that_is_not_a_number_is_a_400(client):
    page = client.post("/alerts/", request_for("r@example.net", expert=["x"]))
    assert page.status_code == 400


def test_too_many_requests_from_one_client_are_refused_plainly(client, settings):
    settings.ALERTS_RATE_PER_CLIENT = 2
    for n in range(2):
        assert client.post("/alerts/", request_for(f"r{n}@example.net")).status_code == 200
    page = client.post("/alerts/", request_for("r9@example.net"))
    assert page.status_code == 429
    assert "Too many" in page.content.decode()
    assert len(mail.outbox) == 2


def test_too_many_requests_for_one_address_get_the_same_answer_but_no_mail(client, settings):
    settings.ALERTS_RATE_PER_ADDRESS = 2
    answers = [client.post("/alerts/", request_for("r@example.net")) for _n in range(4)]
    assert {a.status_code for a in answers} == {200}
    assert len({without_csrf(a.content) for a in answers}) == 1
    assert len(mail.outbox) == 2


def test_a_confirmation_link_expires(client, settings):
    token = confirm_token(request_for("r@example.net", choices=[["everything", 0]]))
    with time_machine.travel(time.time() + settings.ALERTS_CONFIRM_MAX_AGE + 60):
        page = client.post(f"/alerts/confirm/{token}/")
    assert page.status_code == 400
    assert "expired" in page.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("token", ["x", "a" * 300, "eyJ:abc:def", "%E2%80%AE"])
def test_a_forged_or_mangled_link_is_a_400(client, token):
    for url in (f"/alerts/confirm/{token}/", f"/alerts/preferences/{token}/"):
        page = client.get(url)
        assert page.status_code == 400
        assert "not valid" in page.content.decode()
    assert client.post(f"/alerts/unsubscribe/{token}/").status_code == 400


def test_a_signed_request_of_the_wrong_shape_is_refused(client):
    token = TimestampSigner(salt=CONFIRM_SALT).sign_object(["not", "a", "dict"])
    assert client.post(f"/alerts/confirm/{token}/").status_code == 400
    token = confirm_token({"email": "r@example.net", "languages": [], "choices": []})
    assert client.post(f"/alerts/confirm/{token}/").status_code == 400


def test_a_link_older_than_the_unsubscription_does_not_undo_it(client):
    token = confirm_token(request_for("r@example.net", choices=[["everything", 0]]))
    subscriber = subscribe("r@example.net", at=time.time() - 100)
    client.post(f"/alerts/unsubscribe/{subscriber_token(subscriber, 'unsubscribe')}/")
    time.sleep(1.1)
    page = client.post(f"/alerts/confirm/{token}/")
    assert page.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED


def test_the_unsubscribe_link_asks_on_get_and_acts_on_post(client):
    subscriber = subscribe("r@example.net")
    url = f"/alerts/unsubscribe/{subscriber_token(subscriber, 'unsubscribe')}/"
    assert client.get(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.UNSUBSCRIBED


def test_alerts_pages_are_never_cached(client):
    page = client.get("/alerts/")
    assert "no-store" in page["Cache-Control"]
    assert "X-Page-Cache" not in page


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_home_term_expert_and_article_pages_have_a_follow_control(client, language):
    topic, expert = TopicFactory(), ExpertFactory()
    article = ArticleFactory(languages={language: "published"}, topics=[topic], authors=[expert])
    prefix = "" if language == "en" else f"/{language}"
    topic.set_current_language(language)
    expert.set_current_language(language)
    slug = article.translations.get(language_code=language).slug
    pages = {
        f"{prefix}/": "everything=1",
        topic.get_absolute_url(): f"topic={topic.pk}",
        expert.get_absolute_url(): f"expert={expert.pk}",
        f"{prefix}/policy-analysis/{slug}": f"expert={expert.pk}&amp;topic={topic.pk}",
    }
    for url, query in pages.items():
        page = client.get(url)
        assert page.status_code == 200, url
        assert f'href="{prefix}/alerts/?{query}' in page.content.decode(), url
