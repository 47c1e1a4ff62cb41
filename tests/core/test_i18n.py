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


def test_a_language_is_named_in_the_interface_language_or_by_its_code():
    with translation.override("en"):
        assert i18n.language_name("ar") == "Arabic"
        assert i18n.language_name("fa") == "Persian"
        assert i18n.language_name("xx") == "xx"


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
