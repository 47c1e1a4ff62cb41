import pytest

from core.slugs import slugify_title, transliterate, unique_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # The institute's own Arabic URL for the reference page.
        ("خطاب خامنئي يرسم حدود المشاركة مع الغرب", "khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb"),
        # Farsi letters (پ چ ژ گ ک ی), ZWNJ inside a word, Persian digits.
        ("پیامدهای تحریم‌ها برای چین و ژاپن", "pyamdhay-thrymha-bray-chyn-w-zhapn"),
        ("انتخابات ۱۴۰۳", "antkhabat-1403"),
        # Alef forms all keep their "a"; harakat and tatweel vanish.
        ("أمن إيران آمن", "amn-ayran-amn"),
        ("الإيرانيّة", "alayranyt"),
        ("عـــاجل", "ajl"),
        ("Khamenei’s Speech: Limits & Engagement", "khameneis-speech-limits-engagement"),
    ],
)
def test_titles_become_readable_ascii_slugs(title, slug):
    assert slugify_title(title) == slug


def test_transliteration_leaves_latin_text_alone():
    assert transliterate("Iran إيران") == "Iran ayran"


def test_slug_is_cut_at_the_maximum_length_without_a_trailing_hyphen():
    slug = slugify_title("word " * 100, max_length=22)
    assert len(slug) <= 22 and not slug.endswith("-")


def test_unique_slug_adds_the_first_free_number():
    taken = {"energy", "energy-2"}
    assert unique_slug("energy", taken.__contains__) == "energy-3"
    assert unique_slug("", set().__contains__) == "untitled"
