"""
The calendar each language's readers date things by, and dates written in it.

- Farsi: the Solar Hijri calendar (۱۰ آذر ۱۳۹۹), through jdatetime; the Gregorian date is
  the second one, shown beside it or on hover.
- Arabic: Gregorian months, as on the institute's Arabic site; with ARABIC_HIJRI_DATES the
  Hijri date (Umm al-Qura, through hijridate) is the second one.
- English: Gregorian only.

Years, as the listing and search filters offer them, are years of the language's first
calendar: a Solar Hijri year runs from Nowruz (1 Farvardin, 20 or 21 March) to the day
before the next. Dates are taken in the site's time zone (TIME_ZONE), as pages show them.
Machine formats (ISO 8601 in feeds, sitemaps, JSON-LD and <time datetime>) never come
through here.
"""

import datetime as dt
import re

import jdatetime
from django.conf import settings
from django.utils import dateformat, formats, timezone, translation
from hijridate import Gregorian, Hijri

from core.i18n import NATIVE_DIGITS, localize_digits

GREGORIAN, SOLAR_HIJRI, HIJRI = "gregorian", "solar_hijri", "hijri"

# The days a date filter accepts; each calendar's years are the ones these fall in.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)

MONTHS = {
    SOLAR_HIJRI: tuple(jdatetime.date.j_months_fa),
    HIJRI: tuple(Hijri(1445, month, 1).month_name("ar") for month in range(1, 13)),
}
# The Hijri date is written with its era, as Arabic does: ١٥ ربيع الثاني ١٤٤٢ هـ.
HIJRI_FORMAT = "j F Y هـ"
# Reading a date typed in any of the site's digits.
_ASCII_DIGITS = str.maketrans(
    {digit: str(n) for digits in NATIVE_DIGITS.values() for n, digit in enumerate(digits)}
)
_TYPED_DATE = re.compile(r"([0-9]{1,4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})")


def calendar_of(language: str | None = None) -> str:
    """Return the calendar the language's readers date things by."""
    return SOLAR_HIJRI if (language or translation.get_language()) == "fa" else GREGORIAN


def second_calendar(language: str | None = None) -> str | None:
    """Return the calendar shown beside the first one in language, if any."""
    language = language or translation.get_language()
    if language == "fa":
        return GREGORIAN
    if language == "ar" and settings.ARABIC_HIJRI_DATES:
        return HIJRI
    return None


def local_day(value) -> dt.date:
    """Return the day of a date or datetime in the site's time zone."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def to_calendar(day: dt.date, calendar: str) -> tuple[int, int, int]:
    """Return (year, month, day) of a Gregorian day in calendar; ValueError out of its range."""
    if calendar == SOLAR_HIJRI:
        local = jdatetime.date.fromgregorian(date=day)
        return local.year, local.month, local.day
    if calendar == HIJRI:
        try:  # Umm al-Qura tables cover 1343-1500 AH (1924-2077)
            local = Gregorian.fromdate(day).to_hijri()
        except OverflowError as error:
            raise ValueError(str(error)) from error
        return local.year, local.month, local.day
    return day.year, day.month, day.day


def from_calendar(year: int, month: int, day: int, calendar: str) -> dt.date:
    """Return the Gregorian day of a date in calendar; ValueError if there is no such day."""
    try:
        if calendar == SOLAR_HIJRI:
            return jdatetime.date(year, month, day).togregorian()
        if calendar == HIJRI:
            return Hijri(year, month, day).to_gregorian()
        return dt.date(year, month, day)
    except (OverflowError, TypeError) as error:
        raise ValueError(str(error)) from error


def year_of(value, language: str | None = None) -> int:
    """Return the year of a date or datetime in the language's calendar."""
    return to_calendar(local_day(value), calendar_of(language))[0]


def year_bounds(language: str | None = None) -> tuple[int, int]:
    """Return the first and last year a filter accepts in the language's calendar."""
    return year_of(FIRST_DAY, language), year_of(LAST_DAY, language)


def year_range(year: int, language: str | None = None) -> tuple[dt.date, dt.date]:
    """
    Return the first and last Gregorian day of a year of the language's calendar (1399:
    2020-03-20 to 2021-03-20); ValueError for a year outside year_bounds().
    """
    first, last = year_bounds(language)
    if not first <= year <= last:
        raise ValueError(f"{year} is outside {first}-{last}.")
    calendar = calendar_of(language)
    start = from_calendar(year, 1, 1, calendar)
    return start, from_calendar(year + 1, 1, 1, calendar) - dt.timedelta(days=1)


def parse_date(text: str, language: str | None = None) -> dt.date:
    """
    Read a date typed in the language's calendar as year-month-day (or with / or .), in
    ASCII, Arabic-Indic or Persian digits; return its Gregorian day. ValueError if it is
    not such a date or lies outside FIRST_DAY to LAST_DAY.
    """
    found = _TYPED_DATE.fullmatch(str(text).strip().translate(_ASCII_DIGITS))
    if not found:
        raise ValueError(f"Not a year-month-day date: {text!r}")
    day = from_calendar(*map(int, found.groups()), calendar_of(language))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside {FIRST_DAY}-{LAST_DAY}.")
    return day


def format_date(value, fmt: str = "DATE_FORMAT", *, language=None, calendar=None) -> str:
    """
    Write a date or datetime as the language's readers read it: in its calendar (or the
    one given), with its month names and digits. fmt is a Django format or its name.
    """
    language = language or translation.get_language()
    calendar = calendar or calendar_of(language)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override(language):
        pattern = HIJRI_FORMAT if calendar == HIJRI else formats.get_format(fmt)
        if calendar == GREGORIAN:
            text = dateformat.format(value, pattern)
        else:
            text = _format_in(value, pattern, calendar)
    return localize_digits(text, language)


def format_dates(value, fmt: str = "DATE_FORMAT", *, language=None) -> tuple[str, str]:
    """
    Return value written in the language's calendar (with fmt) and in its second calendar
    (the date only), or "" for the second if the language has none or the day lies outside
    that calendar's tables.
    """
    first = format_date(value, fmt, language=language)
    second = second_calendar(language)
    try:
        other = format_date(value, language=language, calendar=second) if second else ""
    except ValueError:
        other = ""
    return first, other


def _format_in(value, pattern: str, calendar: str) -> str:
    """Django's date format characters, the date ones read in calendar; time ones as usual."""
    year, month, day = to_calendar(local_day(value), calendar)
    name = MONTHS[calendar][month - 1]
    own = {
        "d": f"{day:02d}",
        "j": str(day),
        "m": f"{month:02d}",
        "n": str(month),
        "F": name,
        "M": name,
        "N": name,
        "E": name,
        "Y": str(year),
        "y": f"{year % 100:02d}",
        "S": "",  # English ordinal suffixes
    }
    pieces, escaped = [], False
    for char in pattern:
        if escaped or not (char.isascii() and char.isalpha()):
            pieces.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            pieces.append(own[char] if char in own else dateformat.format(value, char))
    return "".join(pieces)
