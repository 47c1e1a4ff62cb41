"""Rate limits: counted per key in the shared cache, and the cache never holds the key."""

import hashlib

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from core.ratelimit import PREFIX, client_ip, client_of, spend


def test_a_key_is_refused_past_its_limit_and_others_are_not():
    assert [spend("192.0.2.7", limit=2, window=60) for _ in range(3)] == [True, True, False]
    assert spend("192.0.2.8", limit=2, window=60)


def test_the_cache_key_cannot_be_undone_by_hashing_candidate_addresses():
    assert spend("192.0.2.9", limit=5, window=60)
    plain = PREFIX + hashlib.sha256(b"192.0.2.9").hexdigest()
    assert cache.get(plain) is None  # what a plain hash of the address would find


def request_from(remote, forwarded=None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_the_client_is_the_connection_s_address(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_of(request_from("192.0.2.1", "198.51.100.9")) == "192.0.2.1"


def test_behind_trusted_proxies_the_client_is_what_the_outermost_one_saw(settings):
    settings.TRUSTED_PROXIES = 1  # Varnish appends the address it was reached from
    assert client_of(request_from("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    # What the client wrote into the header itself, to the left, is not believed.
    assert client_of(request_from("127.0.0.1", "198.51.100.9, 203.0.113.5")) == "203.0.113.5"
    settings.TRUSTED_PROXIES = 2  # a load balancer, then Varnish
    assert client_of(request_from("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.2")) == ("203.0.113.5")
    # Too few entries: the request did not come through the proxies; its own address counts.
    assert client_of(request_from("192.0.2.1", "203.0.113.5")) == "192.0.2.1"
    assert client_of(request_from("192.0.2.1")) == "192.0.2.1"


@pytest.mark.django_db
def test_behind_a_proxy_the_admin_s_login_lockout_is_per_reader_not_per_proxy(
    client, settings, django_user_model
):
    settings.TRUSTED_PROXIES = 1
    django_user_model.objects.create_user("editor", password="right-password", is_staff=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "x"}, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="203.0.113.5")  # fmt: skip
    locked = client.post(url, {"username": "editor", "password": "right-password"},
                         REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")  # fmt: skip
    assert locked.status_code == 429
    other = client.post(url, {"username": "editor", "password": "right-password"},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")  # fmt: skip
    assert other.status_code == 302  # another reader behind the same proxy logs in


def test_what_is_not_an_address_is_never_taken_for_one(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request_from("127.0.0.1", "not-an-address")) is None
    assert client_of(request_from("127.0.0.1", "not-an-address")) == "unknown"
    assert client_ip(request_from("127.0.0.1", " 2001:db8::1 ")) == "2001:db8::1"
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request_from("")) is None


@pytest.mark.django_db
def test_a_login_without_a_valid_address_is_still_answered(client, settings, django_user_model):
    """django-axes records the address in an IP column: garbage must not reach it (a 500)."""
    settings.TRUSTED_PROXIES = 1
    django_user_model.objects.create_user("editor", password="right-password", is_staff=True)
    url = reverse("admin:login")
    response = client.post(url, {"username": "editor", "password": "x"}, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR="<script>")  # fmt: skip
    assert response.status_code == 200
    client.force_login(django_user_model.objects.get(username="editor"))
    assert client.get("/admin/").status_code == 200
