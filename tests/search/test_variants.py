"""Spelling variants, stems and synonym sets find each other, on SQLite and PostgreSQL."""

import pytest

from demo.variants import APART, SYNONYM_GROUPS, VARIANTS
from search.engine import search
from search.models import SynonymSet
from search.query import parse
from search.services import synonym_set_save

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_every_variant_finds_the_pieces_of_every_other_spelling(piece, language):
    # One piece per spelling; a search for any spelling finds its whole group, marked.
    titles = {}
    for number, group in enumerate(VARIANTS[language]):
        for spelling in group:
            title = f"{spelling} {number}"
            piece(title, language)
            titles.setdefault(number, []).append(title)
    misses = []
    for number, group in enumerate(VARIANTS[language]):
        for spelling in group:
            results = search(language=language, query=parse(f"{spelling} ", language), per_page=50)
            found = {hit.article.get_translation(language).title for hit in results.hits}
            if not set(titles[number]) <= found:
                misses.append((spelling, sorted(set(titles[number]) - found)))
            misses += [
                (spelling, hit.title_html)
                for hit in results.hits
                if hit.article.get_translation(language).title in titles[number]
                and "<mark>" not in hit.title_html
            ]
    assert misses == []


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_look_alike_words_do_not_find_each_other(piece, find, language):
    for a, b in APART[language]:
        piece(f"{b} .", language)
        assert f"{b} ." not in find(f"{a} ", language), (a, b)


def test_a_stem_finds_the_word_with_its_article_and_marks_the_whole_word(piece):
    piece("قرارات الحكومة الجديدة", "ar")
    hit = search(language="ar", query=parse("حكومة ", "ar")).hits[0]
    assert hit.title_html == "قرارات <mark>الحكومة</mark> الجديدة"


def test_a_farsi_word_finds_its_plural_however_it_is_joined(piece, find):
    piece("کتاب‌های تازه", "fa")
    piece("کتابهای کهنه", "fa")
    assert sorted(find("کتاب ", "fa")) == ["کتابهای کهنه", "کتاب‌های تازه"]
    hit = search(language="fa", query=parse("کتاب ", "fa")).hits
    assert {h.title_html for h in hit} == {
        "<mark>کتاب‌های</mark> تازه",
        "<mark>کتابهای</mark> کهنه",
    }


def test_khamenei_of_the_issue_is_found_and_marked_in_arabic(piece):
    piece("خطاب خامنئي يرسم حدود المشاركة", "ar")
    for spelling in ["خامنه اي", "خامنه‌ای", "خامنه ای", "خامنئي"]:
        hits = search(language="ar", query=parse(spelling + " ", "ar")).hits
        assert [h.title_html for h in hits] == ["خطاب <mark>خامنئي</mark> يرسم حدود المشاركة"]


@pytest.fixture
def hezbollah():
    return synonym_set_save(
        synonym_set=SynonymSet(name="Hezbollah", terms="\n".join(SYNONYM_GROUPS[0])), user=None
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Hizballah and the border"),
        ("en", "Hezbollah's new missiles"),
        ("ar", "حزب الله والحدود"),
        ("ar", "Hizbullah في لبنان"),
        ("fa", "حزب‌الله و مرز"),
    ],
)
@pytest.mark.parametrize("query", SYNONYM_GROUPS[0])
def test_any_spelling_of_a_synonym_set_finds_any_other_marked(
    piece, hezbollah, language, title, query
):
    piece(title, language)
    hits = search(language=language, query=parse(query + " ", language)).hits
    assert len(hits) == 1
    assert "<mark>" in hits[0].title_html


def test_synonyms_apply_at_query_time_without_reindexing(piece, find):
    piece("Hizballah and the border")
    assert find("hezbollah ") == []
    synonym = synonym_set_save(
        synonym_set=SynonymSet(name="Hezbollah", terms="Hezbollah\nHizballah"), user=None
    )
    assert find("hezbollah ") == ["Hizballah and the border"]
    synonym.terms = "Hezbollah\nHizbullah"
    synonym_set_save(synonym_set=synonym, user=None)
    assert find("hezbollah ") == []


def test_a_synonym_can_be_excluded_and_spans_several_words(piece, find, hezbollah):
    piece("حزب الله في لبنان", "ar")
    piece("لبنان والاقتصاد", "ar")
    assert find("لبنان -Hezbollah ", "ar") == ["لبنان والاقتصاد"]
    assert find("حزب الله ", "fa") == []  # nothing in Farsi
    assert find("hizballah لبنان ", "ar") == ["حزب الله في لبنان"]
