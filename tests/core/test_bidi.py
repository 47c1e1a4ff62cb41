"""Runs of the other direction in titles are isolated, and nothing else changes."""

from django.template import engines
from django.utils import translation

from core.bidi import isolate, other_direction_runs


def test_a_latin_name_in_arabic_is_isolated_without_the_year_after_it():
    assert isolate("تقرير IAEA 2020 عن", "rtl") == "تقرير <bdi>IAEA</bdi> 2020 عن"
    assert isolate("مقابلة مع Omer Carmi.", "rtl") == "مقابلة مع <bdi>Omer Carmi</bdi>."


def test_an_arabic_name_in_english_is_isolated_from_its_brackets():
    assert isolate("On خامنئي (2020)", "ltr") == "On <bdi>خامنئي</bdi> (2020)"
    assert isolate("Iran's خامنه‌ای and حزب الله", "ltr") == (
        "Iran&#x27;s <bdi>خامنه‌ای</bdi> and <bdi>حزب الله</bdi>"
    )


def test_text_of_one_direction_is_only_escaped():
    assert isolate("Khamenei's <speech>", "ltr") == "Khamenei&#x27;s &lt;speech&gt;"
    assert isolate("خطاب خامنئي ٢٠٢٠", "rtl") == "خطاب خامنئي ٢٠٢٠"
    assert isolate("", "rtl") == "" and isolate(None, "ltr") == ""
    assert other_direction_runs("2020 (!)", "rtl") == []


def test_text_that_looks_like_markup_stays_text_inside_the_isolate():
    assert isolate("عن <b>IAEA</b>", "rtl") == "عن &lt;<bdi>b&gt;IAEA&lt;/b</bdi>&gt;"


def test_the_filter_takes_the_page_language_direction_by_default():
    template = engines["django"].from_string("{% load typography %}{{ title|isolate }}")
    with translation.override("fa"):
        assert template.render({"title": "گزارش IAEA"}) == "گزارش <bdi>IAEA</bdi>"
    with translation.override("en"):
        assert template.render({"title": "گزارش IAEA"}) == "<bdi>گزارش</bdi> IAEA"
