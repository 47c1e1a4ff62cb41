import random

import pytest

from core.normalize import normalize, normalize_with_offsets


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أمن", "امن"),  # alef with hamza above
        ("إيران", "ايران"),  # alef with hamza below
        ("آسيا", "اسيا"),  # alef with madda
        ("ٱلله", "اللة"),  # alef wasla (and a final heh, see below)
    ],
)
def test_arabic_alef_forms_become_bare_alef(written, folded):
    assert normalize(written, "ar") == folded


def test_arabic_taa_marbuta_and_final_heh_fold_together():
    assert normalize("الحكومة", "ar") == normalize("الحكومه", "ar") == "الحكومة"
    # Only at the end of a word: a heh inside a word stays.
    assert normalize("مهم", "ar") == "مهم"


def test_arabic_alef_maqsura_becomes_yeh():
    assert normalize("مستوى", "ar") == normalize("مستوي", "ar") == "مستوي"


def test_arabic_diacritics_are_removed():
    assert normalize("الإيرانيّة", "ar") == normalize("الإيرانية", "ar")
    assert normalize("مُحَمَّدٌ", "ar") == "محمد"
    assert normalize("رحمٰن", "ar") == "رحمن"  # superscript alef


def test_tatweel_is_removed():
    assert normalize("الســـلام", "ar") == "السلام"


def test_the_three_spellings_of_the_issue_fold_to_one():
    spellings = {normalize(w, "ar") for w in ("الإيرانية", "الايرانيه", "الإيرانيّة")}
    assert len(spellings) == 1


def test_persian_takes_persian_yeh_and_keheh_from_an_arabic_keyboard():
    assert normalize("كتاب علي", "fa") == normalize("کتاب علی", "fa") == "کتاب علی"
    assert normalize("مصطفى", "fa") == "مصطفی"  # alef maqsura as yeh


def test_arabic_takes_arabic_yeh_and_kaf_from_a_persian_keyboard():
    assert normalize("کتاب علی", "ar") == "كتاب علي"


def test_persian_zwnj_reads_as_a_space():
    assert normalize("می\u200cخواهد", "fa") == normalize("می خواهد", "fa") == "می خواهد"


@pytest.mark.parametrize("heh", ["ۀ", "ہ", "ە", "ھ"])
def test_persian_heh_forms_become_heh(heh):
    assert normalize(f"خان{heh}", "fa") == "خانه"


def test_persian_taa_marbuta_becomes_heh():
    assert normalize("دولة", "fa") == "دوله"


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_arabic_indic_and_persian_digits_become_ascii(language):
    assert normalize("١٢٣٤٥٦٧٨٩٠ ۱۲۳۴۵۶۷۸۹۰", language) == "1234567890 1234567890"


def test_latin_is_case_folded():
    assert normalize("Iran's NUCLEAR Straße", "en") == "iran's nuclear strasse"


def test_arabic_presentation_forms_become_letters():
    assert normalize("ﺍﻹﻳﺮﺍﻧﻴﺔ", "ar") == normalize("الإيرانية", "ar")


def test_control_and_invisible_characters_are_removed():
    assert normalize("nu\x00cl\u200bear\u200f", "en") == "nuclear"


SAMPLE = "ﬁİŉ Iran’s الإيرانيّة «ٱلحكومة» ﻻ می‌خواهد كتابى ۱۲۳ ٤٥ Straße ـــ é\u0301 \x00 ﷲ"


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_offsets_agree_with_normalize_and_point_into_the_original(language):
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(SAMPLE) for _ in range(rng.randrange(1, 40)))
        folded, offsets = normalize_with_offsets(text, language)
        assert folded == normalize(text, language)
        assert len(offsets) == len(folded)
        assert offsets == sorted(offsets)
        assert all(0 <= i < len(text) for i in offsets)
