"""Search behaviour on whichever database the suite runs on (SQLite or PostgreSQL)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.engine import search
from search.query import parse
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_all_words_must_match(piece, find):
    piece("Sanctions and the oil trade")
    piece("Oil prices fall")
    assert find("oil sanctions ") == ["Sanctions and the oil trade"]


def test_a_title_match_ranks_above_a_body_match(piece, find):
    piece("Regional notes", body="<p>Uranium enrichment continues.</p>")
    piece("Uranium enrichment at Fordow", body="<p>Nothing else here.</p>")
    assert find("uranium ") == ["Uranium enrichment at Fordow", "Regional notes"]


def test_a_quoted_phrase_needs_its_words_together(piece, find):
    piece("The nuclear deal is back")
    piece("A deal on nuclear inspections")
    assert find('"nuclear deal"') == ["The nuclear deal is back"]
    assert sorted(find("nuclear deal ")) == [
        "A deal on nuclear inspections",
        "The nuclear deal is back",
    ]


def test_minus_excludes(piece, find):
    piece("Iran and the oil market")
    piece("Iran and its neighbours")
    assert find("iran -oil") == ["Iran and its neighbours"]
    assert find('iran -"oil market"') == ["Iran and its neighbours"]


def test_only_exclusions_show_everything_else(piece, find):
    piece("Iran and the oil market")
    piece("Iraq and its neighbours")
    assert find("-oil") == ["Iraq and its neighbours"]


def test_the_last_word_matches_as_a_prefix_while_typed(piece, find):
    piece("Centrifuges in the mountain")
    assert find("centrif") == ["Centrifuges in the mountain"]
    assert find("centrif ") == []  # a finished word is a word


def test_an_empty_query_lists_the_latest_pieces(piece, find):
    now = timezone.now()
    piece("Older", published_at=now - timedelta(days=3))
    piece("Newer", published_at=now - timedelta(days=1))
    assert find("") == ["Newer", "Older"]


def test_sort_by_date_puts_the_newest_first(piece, find):
    now = timezone.now()
    piece("Oil, oil and oil", published_at=now - timedelta(days=9))
    piece("A note", summary="oil", published_at=now - timedelta(days=1))
    assert find("oil ")[0] == "Oil, oil and oil"
    assert find("oil ", sort="date") == ["A note", "Oil, oil and oil"]


def test_summary_author_names_and_term_names_are_searched(piece, find):
    expert = ExpertFactory(names={"en": "Farzin Nadimi"})
    topic = TopicFactory(names={"en": "Proliferation"})
    piece("By name", authors=[expert])
    piece("By topic", topics=[topic])
    piece("By summary", summary="A word on shipping lanes")
    assert find("nadimi ") == ["By name"]
    assert find("proliferation ") == ["By topic"]
    assert find("shipping ") == ["By summary"]


def test_each_language_searches_its_own_translations(find):
    ArticleFactory(
        languages={
            "en": {"title": "The Iranian elections"},
            "ar": {"title": "الانتخابات الإيرانية"},
            "fa": {"title": "انتخابات ایران"},
        }
    )
    assert find("elections ", "en") == ["The Iranian elections"]
    assert find("الانتخابات ", "ar") == ["الانتخابات الإيرانية"]
    assert find("انتخابات ", "fa") == ["انتخابات ایران"]
    assert find("elections ", "ar") == []


@pytest.mark.parametrize("spelling", ["الإيرانية", "الايرانيه", "الإيرانيّة"])
def test_arabic_spellings_find_the_same_piece(piece, find, spelling):
    piece("المواقف الإيرانيّة من الاتفاق", "ar")
    assert find(spelling + " ", "ar") == ["المواقف الإيرانيّة من الاتفاق"]


def test_farsi_typed_on_an_arabic_keyboard_finds_persian_text(piece, find):
    piece("سیاست خارجی ایران و کشورهای همسایه", "fa")
    assert find("سياست ايران ", "fa") == ["سیاست خارجی ایران و کشورهای همسایه"]
    assert find("كشورهاي ", "fa") == ["سیاست خارجی ایران و کشورهای همسایه"]


def test_farsi_with_and_without_zwnj_match(piece, find):
    piece("برنامه\u200cهای هسته\u200cای", "fa")
    assert find("برنامه های ", "fa") == ["برنامه\u200cهای هسته\u200cای"]
    assert find("هسته\u200cای ", "fa") == ["برنامه\u200cهای هسته\u200cای"]


def test_persian_and_arabic_indic_digits_find_ascii_digits(piece, find):
    piece("The 2024 budget")
    assert find("٢٠٢٤ ") == ["The 2024 budget"]
    assert find("۲۰۲۴ ") == ["The 2024 budget"]


def test_only_public_translations_are_found(piece, find):
    now = timezone.now()
    piece("Oil draft", state="draft")
    piece("Oil in review", state="review")
    piece("Oil scheduled", published_at=now + timedelta(hours=1))
    withdrawn = piece("Oil withdrawn")
    withdrawn.is_withdrawn = True
    withdrawn.save()
    piece("Oil public")
    assert find("oil ") == ["Oil public"]
    assert search(language="en", query=parse("oil ", "en")).total == 1


def test_highlights_mark_the_original_text_escaped(piece):
    piece(
        "<b>Iran</b>’s NUCLEAR choice",
        summary="A choice.",
        body="<p>The programme is nuclear &amp; civil.</p>",
    )
    hit = search(language="en", query=parse("nuclear ", "en")).hits[0]
    assert hit.title_html == "&lt;b&gt;Iran&lt;/b&gt;’s <mark>NUCLEAR</mark> choice"
    assert "<mark>nuclear</mark> &amp; civil" in hit.snippet_html


def test_arabic_highlights_keep_the_diacritics_of_the_original(piece):
    piece("المواقف الإيرانيّة", "ar")
    hit = search(language="ar", query=parse("الايرانيه ", "ar")).hits[0]
    assert hit.title_html == "المواقف <mark>الإيرانيّة</mark>"


def test_pages_hold_twenty_and_count_all(piece):
    for n in range(23):
        piece(f"Oil report {n}")
    first = search(language="en", query=parse("oil ", "en"))
    second = search(language="en", query=parse("oil ", "en"), page=2)
    assert (first.total, len(first.hits), len(second.hits), first.pages) == (23, 20, 3, 2)
    assert not {h.article.pk for h in first.hits} & {h.article.pk for h in second.hits}


class TestFacets:
    @pytest.fixture
    def corpus(self, piece):
        self.brief, self.podcast = ArticleTypeFactory(), ArticleTypeFactory()
        self.energy, self.security = TopicFactory(), TopicFactory()
        self.gulf = RegionFactory()
        self.expert = ExpertFactory()
        now = timezone.now()
        piece("Oil one", article_type=self.brief, topics=[self.energy], regions=[self.gulf])
        piece("Oil two", article_type=self.brief, topics=[self.energy, self.security])
        piece("Oil three", article_type=self.podcast, topics=[self.security], authors=[self.expert])
        piece("Oil old", article_type=self.podcast, published_at=now - timedelta(days=800))
        piece("Gas", article_type=self.brief, topics=[self.energy])

    def run(self, **filters):
        return search(language="en", query=parse("oil ", "en"), filters=filters)

    def test_counts_without_filters(self, corpus):
        results = self.run()
        assert results.total == 4
        assert results.counts["type"] == {self.brief.pk: 2, self.podcast.pk: 2}
        assert results.counts["topic"] == {self.energy.pk: 2, self.security.pk: 2}
        assert results.counts["region"] == {self.gulf.pk: 1}
        assert results.counts["expert"] == {self.expert.pk: 1}
        assert sum(results.counts["year"].values()) == 4

    def test_counts_respect_the_other_filters_but_not_their_own(self, corpus):
        results = self.run(topic=[self.energy.pk])
        assert results.total == 2
        # Type counts within the energy topic.
        assert results.counts["type"] == {self.brief.pk: 2}
        # Topic counts ignore the topic filter, so the other topics stay choosable.
        assert results.counts["topic"] == {self.energy.pk: 2, self.security.pk: 2}

    def test_values_of_one_facet_widen_and_facets_narrow(self, corpus):
        assert self.run(topic=[self.energy.pk, self.security.pk]).total == 3
        assert self.run(topic=[self.security.pk], type=[self.podcast.pk]).total == 1

    def test_year_filter(self, corpus):
        old_year = (timezone.now() - timedelta(days=800)).year
        results = self.run(year=[old_year])
        assert [h.article.get_translation("en").title for h in results.hits] == ["Oil old"]

    def test_unknown_values_give_an_empty_result(self, corpus):
        assert self.run(topic=[987654]).total == 0
