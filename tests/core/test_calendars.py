"""Calendars (core.calendars): Solar Hijri for Farsi, Gregorian (and Hijri) for Arabic."""

import datetime as dt

import jdatetime
import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from core import calendars
from core.i18n import localize_number

UTC = dt.UTC


def moment(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2020, 11, 30), "۱۰ آذر ۱۳۹۹"),
        (dt.date(2020, 3, 19), "۲۹ اسفند ۱۳۹۸"),
        (dt.date(2020, 3, 20), "۱ فروردین ۱۳۹۹"),
        (dt.date(2021, 3, 20), "۳۰ اسفند ۱۳۹۹"),  # 1399 is a leap year
        (dt.date(2021, 3, 21), "۱ فروردین ۱۴۰۰"),
        (dt.date(1979, 2, 11), "۲۲ بهمن ۱۳۵۷"),
        (dt.date(2025, 3, 21), "۱ فروردین ۱۴۰۴"),
    ],
)
def test_farsi_dates_are_solar_hijri_with_persian_digits(day, written):
    assert calendars.format_date(day, language="fa") == written


def test_farsi_date_and_time_keeps_the_time_in_persian_digits():
    assert (
        calendars.format_date(moment(2020, 11, 30, 9, 5), "DATETIME_FORMAT", language="fa")
        == "۱۰ آذر ۱۳۹۹، ساعت ۹:۰۵"
    )


def test_arabic_keeps_gregorian_months_in_arabic_digits():
    assert calendars.format_date(moment(2020, 11, 30), language="ar") == "٣٠ نوفمبر، ٢٠٢٠"
    assert (
        calendars.format_date(moment(2020, 11, 30, 21, 5), "DATETIME_FORMAT", language="ar")
        == "٣٠ نوفمبر، ٢٠٢٠، ٩:٠٥ م"
    )


def test_english_is_gregorian_with_ascii_digits():
    assert calendars.format_date(moment(2020, 11, 30), language="en") == "Nov. 30, 2020"


def test_the_second_calendar_is_gregorian_in_farsi_and_hijri_in_arabic_only_by_setting():
    value = moment(2020, 11, 30)
    assert calendars.format_dates(value, language="fa") == ("۱۰ آذر ۱۳۹۹", "۳۰ نوامبر ۲۰۲۰")
    assert calendars.format_dates(value, language="ar") == ("٣٠ نوفمبر، ٢٠٢٠", "")
    assert calendars.format_dates(value, language="en") == ("Nov. 30, 2020", "")
    with override_settings(ARABIC_HIJRI_DATES=True):
        assert calendars.format_dates(value, language="ar") == (
            "٣٠ نوفمبر، ٢٠٢٠",
            "١٥ ربيع الثاني ١٤٤٢ هـ",
        )
        # Outside the Umm al-Qura tables there is no Hijri date to show, and no error.
        assert calendars.format_dates(moment(1901, 1, 1), language="ar")[1] == ""


@override_settings(TIME_ZONE="Asia/Tehran")
def test_dates_are_read_in_the_site_time_zone():
    # 20:45 UTC on 19 March 2020 is 00:15 on Nowruz in Tehran.
    late = moment(2020, 3, 19, 20, 45)
    assert calendars.format_date(late, language="fa") == "۱ فروردین ۱۳۹۹"
    assert calendars.year_of(late, "fa") == 1399


def test_solar_hijri_years_begin_on_nowruz():
    for year in range(1300, 1480):
        nowruz = jdatetime.date(year, 1, 1).togregorian()
        assert calendars.year_of(nowruz, "fa") == year
        assert calendars.year_of(nowruz - dt.timedelta(days=1), "fa") == year - 1
        assert nowruz.month == 3 and nowruz.day in (20, 21, 22)


@pytest.mark.parametrize(
    ("language", "year", "first", "last"),
    [
        ("fa", 1399, dt.date(2020, 3, 20), dt.date(2021, 3, 20)),
        ("fa", 1400, dt.date(2021, 3, 21), dt.date(2022, 3, 20)),
        ("fa", 1403, dt.date(2024, 3, 20), dt.date(2025, 3, 20)),
        ("en", 2020, dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("ar", 2024, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ],
)
def test_a_year_filter_is_a_range_of_gregorian_days(language, year, first, last):
    assert calendars.year_range(year, language) == (first, last)


@pytest.mark.parametrize(("language", "year"), [("fa", 2020), ("fa", 12), ("en", 1399)])
def test_a_year_outside_the_calendar_bounds_is_refused(language, year):
    with pytest.raises(ValueError):
        calendars.year_range(year, language)


@pytest.mark.parametrize(
    "text", ["1399-09-10", "1399/9/10", "۱۳۹۹/۰۹/۱۰", "١٣٩٩-٠٩-١٠", " 1399.09.10 "]
)
def test_farsi_dates_are_typed_in_solar_hijri_with_any_digits(text):
    assert calendars.parse_date(text, "fa") == dt.date(2020, 11, 30)


@pytest.mark.parametrize(
    "text",
    ["", "yesterday", "1399-12-31", "1400-12-30", "1399-13-01", "1399-00-10", "99999-01-01",
     "0-1-1", "1399-09", "1399-09-10-1", "１３９９-09-10", "\x00"],
)  # fmt: skip
def test_impossible_solar_hijri_dates_are_refused(text):
    with pytest.raises(ValueError):
        calendars.parse_date(text, "fa")


def test_numbers_are_grouped_in_each_language_digits_and_separators():
    assert localize_number(1234567, "en") == "1,234,567"
    assert localize_number(1234567, "ar") == "١٬٢٣٤٬٥٦٧"
    assert localize_number(1234, "fa") == "۱٬۲۳۴"
    assert localize_number(0, "fa") == "۰"


def render(source, **context):
    return Template("{% load site %}" + source).render(Context(context))


def test_the_date_tag_keeps_iso_in_datetime_and_puts_gregorian_on_hover_in_farsi():
    value = moment(2020, 11, 30)
    with translation.override("fa"):
        assert render("{% date_tag value %}", value=value) == (
            '<time datetime="2020-11-30T10:00:00+00:00" title="۳۰ نوامبر ۲۰۲۰">۱۰ آذر ۱۳۹۹</time>'
        )
        assert render("{% date_tag value beside=True %}", value=value).endswith(
            '</time> <span class="date-other">(۳۰ نوامبر ۲۰۲۰)</span>'
        )
        assert render("{{ value|local_date }}", value=value) == "۱۰ آذر ۱۳۹۹"
        assert render("{{ n|digits }}", n=1250) == "۱٬۲۵۰"
    with translation.override("ar"):
        assert render("{% date_tag value %}", value=value) == (
            '<time datetime="2020-11-30T10:00:00+00:00">٣٠ نوفمبر، ٢٠٢٠</time>'
        )
    assert render("{% date_tag value %}", value=None) == ""
