"""The site's language facts, read from the settings in one place (core.i18n)."""

from django.utils import translation

from core import i18n


def test_the_site_languages_are_english_arabic_and_farsi_in_that_order():
    assert i18n.language_codes() == ["en", "ar", "fa"]
    assert [code for code, _name in i18n.language_choices()] == ["en", "ar", "fa"]


def test_only_site_languages_are_known():
    assert i18n.is_site_language("fa")
    assert not i18n.is_site_language("de")
    assert not i18n.is_site_language("")
    assert not i18n.is_site_language(None)


def test_a_language_has_one_name_in_every_interface_language_or_its_code():
    for interface in ("en", "ar", "fa"):
        with translation.override(interface):
            assert i18n.language_name("ar") == "العربية"
            assert i18n.language_name("fa") == "فارسی"
            assert i18n.language_name("en") == "English"
            assert i18n.language_name("xx") == "xx"
            assert i18n.language_choices() == [
                ("en", "English"),
                ("ar", "العربية"),
                ("fa", "فارسی"),
            ]


def test_each_language_has_its_own_name_and_direction():
    assert [i18n.native_name(code) for code in i18n.language_codes()] == [
        "English",
        "العربية",
        "فارسی",
    ]
    assert [i18n.direction_of(code) for code in ("en", "ar", "fa", None)] == [
        "ltr",
        "rtl",
        "rtl",
        "ltr",
    ]


def test_url_in_builds_the_same_urls_as_reverse():
    """The slug URLs put together from parts reversed once are reverse()'s own URLs."""
    from django.urls import reverse

    for language in i18n.language_codes():
        for name, slug in [
            ("articles:resolve", "khameneis-speech_2025"),
            ("articles:resolve", "A-b-9"),
            ("experts:detail", "leila-karimi"),
        ]:
            with translation.override(language):
                expected = reverse(name, kwargs={"slug": slug})
            assert i18n.url_in(language, name, slug=slug) == expected
        with translation.override(language):
            assert i18n.url_in(language, "home") == reverse("home")
            cite = reverse("articles:cite", kwargs={"slug": "a-b", "fmt": "ris"})
        assert i18n.url_in(language, "articles:cite", slug="a-b", fmt="ris") == cite


def test_url_in_leaves_a_slug_the_url_pattern_refuses_to_reverse():
    """A slug outside [-a-zA-Z0-9_] is not pasted into a URL: reverse() refuses it as before."""
    import pytest
    from django.urls import NoReverseMatch

    for slug in ["with space", "a/b", "خطاب", ""]:
        with pytest.raises(NoReverseMatch):
            i18n.url_in("ar", "articles:resolve", slug=slug)


def test_url_in_follows_a_changed_url_configuration(settings):
    assert i18n.url_in("fa", "articles:resolve", slug="x") == "/fa/policy-analysis/x"
    settings.ROOT_URLCONF = "tests.core.prefixed_urls"
    assert i18n.url_in("fa", "articles:resolve", slug="x") == "/fa/prefixed/x"
