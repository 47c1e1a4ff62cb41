"""
An expert's links: only web and email addresses are stored, whatever the path in (the
admin, full_clean in a service or the shell), and an address stored past that check
(an old row, a bulk update) renders as no link at all.
"""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from experts.models import ExpertLink
from tests.articles.admin_forms import form_data
from tests.experts.factories import ExpertFactory
from tests.hostile import browser_scheme

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    " \tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "https://example.org/\x0bme",
]
REFUSAL = "Only a web address starting with https:// or http://, or an email address"
KINDS = [ExpertLink.Kind.WEBSITE, ExpertLink.Kind.X, ExpertLink.Kind.EMAIL]


@pytest.fixture
def expert():
    return ExpertFactory(names={"en": "Hanin Haddad"}, languages=("en",))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("url", UNSAFE)
def test_the_model_refuses_an_unsafe_address_of_any_kind(expert, kind, url):
    link = ExpertLink(expert=expert, kind=kind, url=url)
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert [REFUSAL in message for message in refused.value.message_dict["url"]] == [True]
    # The field's own validator says so, for any code that validates fields only.
    with pytest.raises(ValidationError):
        link.clean_fields()


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        (ExpertLink.Kind.WEBSITE, "https://example.org/me"),
        (ExpertLink.Kind.LINKEDIN, "http://www.linkedin.com/in/hanin"),
        (ExpertLink.Kind.EMAIL, "hanin@example.org"),
    ],
)
def test_web_and_email_addresses_are_accepted(expert, kind, url):
    ExpertLink(expert=expert, kind=kind, url=url).full_clean()


def admin_post(client, expert, url):
    change = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"
    data = form_data(client.get(change))
    data.update(
        {
            "links-TOTAL_FORMS": "1",
            "links-0-id": "",
            "links-0-expert": str(expert.pk),
            "links-0-kind": "website",
            "links-0-url": url,
            "links-0-position": "0",
        }
    )
    return client.post(change, data)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:,x"])
def test_the_admin_shows_why_an_address_is_refused_and_saves_nothing(client, staff, expert, url):
    client.force_login(staff)
    response = admin_post(client, expert, url)
    assert response.status_code == 200
    [formset] = response.context["inline_admin_formsets"]
    assert [REFUSAL in m for m in formset.formset.forms[0].errors["url"]] == [True]
    assert REFUSAL in response.content.decode()
    assert not ExpertLink.objects.exists()


def test_the_admin_saves_a_web_address(client, staff, expert):
    client.force_login(staff)
    assert admin_post(client, expert, "https://example.org/hanin").status_code == 302
    assert list(ExpertLink.objects.values_list("url", flat=True)) == ["https://example.org/hanin"]


def links_on_page(client, expert) -> tuple[list[str], list[str]]:
    """Return the hrefs of the page's expert links and the JSON-LD Person's sameAs."""
    html = client.get(f"/experts/{expert.slug}").content.decode()
    hrefs = re.findall(r'<a href="([^"]*)" rel="me noopener">', html)
    [person] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    assert all(browser_scheme(href) in {None, "http", "https", "mailto"}
               for href in re.findall(r'href="([^"]*)"', html))  # fmt: skip
    return hrefs, person.get("sameAs", [])


@pytest.mark.parametrize("kind", [ExpertLink.Kind.WEBSITE, ExpertLink.Kind.OTHER])
@pytest.mark.parametrize("url", UNSAFE)
def test_an_unsafe_address_already_stored_renders_as_no_link(client, expert, kind, url):
    ExpertLink.objects.create(expert=expert, kind="website", url="https://example.org/ok")
    stored = ExpertLink.objects.create(expert=expert, kind=kind, url="https://example.org/me")
    ExpertLink.objects.filter(pk=stored.pk).update(url=url)  # past every validator

    hrefs, same_as = links_on_page(client, expert)
    assert hrefs == ["https://example.org/ok"]
    assert same_as == ["https://example.org/ok"]


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("hanin@example.org", "mailto:hanin@example.org"),
        # Valid addresses, but "?" and "#" would start mailto: headers or a fragment.
        ("hanin?cc=everyone@example.org", "mailto:hanin%3Fcc%3Deveryone@example.org"),
        ("a#b&body=hi@example.org", "mailto:a%23b%26body%3Dhi@example.org"),
        ("javascript:alert(1)", None),
        ("not an address", None),
    ],
)
def test_an_email_link_is_a_mailto_of_that_one_address(client, expert, url, href):
    stored = ExpertLink.objects.create(expert=expert, kind="email", url="x@example.org")
    ExpertLink.objects.filter(pk=stored.pk).update(url=url)
    hrefs, same_as = links_on_page(client, expert)
    assert hrefs == ([href] if href else [])
    assert same_as == []  # an email address is not a profile
