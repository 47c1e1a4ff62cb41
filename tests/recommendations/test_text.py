"""Recommendations read titles and summaries normalised exactly as search indexes them."""

import pytest

from core.normalize import normalize
from recommendations.text import words

SPELLINGS = [
    # Arabic: hamza on the alef or not, taa marbuta or heh, diacritics, tatweel.
    ("ar", "الحكومة الإيرانية تفاوض", "الحكومه الايرانيه تفـاوض"),
    ("ar", "مُفاوَضات نووية", "مفاوضات نوويه"),
    # Persian: Arabic yeh and kaf for Persian ones, a ZWNJ where a space was typed.
    ("fa", "سیاست خارجی کشور", "سياست خارجي كشور"),
    ("fa", "گفت\u200cوگوهای هسته\u200cای", "گفت وگوهای هسته ای"),
]


@pytest.mark.parametrize(("language", "written", "typed"), SPELLINGS)
def test_spellings_of_one_text_give_the_same_words(language, written, typed):
    assert words(written, language) == words(typed, language)


@pytest.mark.parametrize(("language", "written", "_typed"), SPELLINGS)
def test_every_word_is_one_that_search_indexes(language, written, _typed):
    indexed = normalize(written, language)
    assert words(written, language)
    for word in words(written, language):
        assert word in indexed


def test_arabic_keeps_the_taa_marbuta_as_search_does():
    # Search keeps ة on purpose (PostgreSQL's arabic stemmer reads it); so do recommendations.
    assert words("الحكومه", "ar") == [normalize("حكومة", "ar")] == ["حكومة"]
