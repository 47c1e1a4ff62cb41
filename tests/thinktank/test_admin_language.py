"""Staff use the admin in their own language; public URLs keep theirs."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_admin_speaks_the_browsers_language_right_to_left(client, staff):
    client.force_login(staff)
    html = client.get("/admin/", headers={"Accept-Language": "fa"}).content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "مؤسسه" in html  # the site header, in Persian


def test_a_chosen_admin_language_sticks(client, staff):
    client.force_login(staff)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    html = client.get("/admin/", headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="ar" selected' in html  # the switcher shows the choice


def test_unprefixed_public_pages_stay_english_whatever_the_browser_asks(client):
    html = client.get("/", headers={"Accept-Language": "ar"}).content.decode()
    assert '<html lang="en" dir="ltr">' in html
