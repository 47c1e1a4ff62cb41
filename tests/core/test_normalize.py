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


# Issue 15: hamza seats, names written apart, stemming.

from core.analysis import search_text, search_text_with_offsets  # noqa: E402
from demo.variants import APART, VARIANTS  # noqa: E402


def words(text, language):
    return search_text(text, language).split()


def meets(query, text, language):
    """Return True if a search for query (as a phrase) finds text."""
    wanted, found = words(query, language), words(text, language)
    return bool(wanted) and any(
        found[i : i + len(wanted)] == wanted for i in range(len(found) - len(wanted) + 1)
    )


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_khamenei_written_four_ways_folds_to_one(language):
    spellings = ["خامنه اي", "خامنه‌ای", "خامنه ای", "خامنئي"]
    assert len({normalize(s, language) for s in spellings}) == 1


def test_yeh_hamza_after_a_long_vowel_keeps_the_word_whole():
    assert normalize("نهائي", "ar") == normalize("نهايي", "ar") == "نهايي"
    assert normalize("خوئي", "fa") == normalize("خویی", "fa")


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_hamza_seats_fold(language):
    assert normalize("مسؤول", language) == normalize("مسئول", language)  # ؤ, ئ before و
    assert normalize("سؤال", language) == normalize("سوال", language)
    assert normalize("رئيس", language) == normalize("رييس", language)


def test_persian_drops_the_hamza_of_a_final_alef_hamza_arabic_keeps_it():
    assert normalize("اعضاء", "fa") == "اعضا"
    assert normalize("ماء", "fa") == "ماء"  # too short: ما is "we"
    assert normalize("اعضاء", "ar") == "اعضاء"


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_name_prefixes_written_apart_join(language):
    assert normalize("عبد الله", language) == normalize("عبدالله", language)
    assert normalize("أبو ظبي", language) == normalize("أبوظبي", language)
    assert normalize("عبد", language) == "عبد"


def test_normalising_twice_changes_nothing_so_the_index_migration_may_reanalyse():
    rng = random.Random(3)
    for language in ("en", "ar", "fa"):
        for _ in range(200):
            text = "".join(rng.choice(SAMPLE + "ئؤءخامنه اي") for _ in range(rng.randrange(1, 40)))
            once = normalize(text, language)
            assert normalize(once, language) == once
            assert search_text(once, language) == search_text(text, language)


def test_arabic_is_stemmed_by_snowball():
    assert words("الحكومة", "ar") == words("حكومة", "ar") == words("حكومه", "ar")


def test_farsi_plural_and_ezafe_suffixes_are_light():
    assert words("کتاب‌ها", "fa") == words("کتابها", "fa") == words("کتاب ها", "fa") == ["کتاب"]
    assert words("کتابهایش", "fa") == ["کتاب"]
    assert words("خانه‌ی من", "fa") == ["خانه", "من"]
    assert words("آمریکای شمالی", "fa") == ["امریکا", "شمالی"]
    assert words("تنها", "fa") == ["تنها"]  # no three letters left: not a plural


@pytest.mark.parametrize(
    ("language", "group"),
    [(lang, group) for lang, groups in VARIANTS.items() for group in groups],
)
def test_every_spelling_of_a_group_meets_every_other(language, group):
    misses = [(a, b) for a in group for b in group if not meets(a, b, language)]
    assert misses == []


@pytest.mark.parametrize(
    ("language", "pair"), [(lang, pair) for lang, pairs in APART.items() for pair in pairs]
)
def test_words_that_only_look_alike_stay_apart(language, pair):
    a, b = pair
    assert not meets(a, b, language)
    assert not meets(b, a, language)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_analysed_offsets_agree_and_point_into_the_original(language):
    rng = random.Random(11)
    alphabet = SAMPLE + "ئؤء خامنه‌ای کتاب‌ها الحكومة عبد الله"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60)))
        analysed, offsets = search_text_with_offsets(text, language)
        assert analysed == search_text(text, language)
        assert len(offsets) == len(analysed)
        assert offsets == sorted(offsets)
        assert all(0 <= i < len(text) for i in offsets)
