"""A reader searches Arabic and Farsi pages in real Chromium for every spelling of a name."""

import pytest

from demo.variants import SYNONYM_GROUPS, VARIANTS
from search.models import SynonymSet
from search.services import synonym_set_save
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One piece per language holding one spelling of every group, and the Hezbollah set.
TEXT = {
    "ar": "خطاب خامنئي أمام الحكومة حول حزب الله",
    "fa": "سخنرانی خامنه‌ای درباره کتاب‌ها و حزب‌الله",
}
GROUPS = {
    "ar": [VARIANTS["ar"][0], VARIANTS["ar"][1], SYNONYM_GROUPS[0]],
    "fa": [VARIANTS["fa"][0], VARIANTS["fa"][1], SYNONYM_GROUPS[0]],
}


@pytest.fixture
def pieces():
    synonym_set_save(
        synonym_set=SynonymSet(name="Hezbollah", terms="\n".join(SYNONYM_GROUPS[0])), user=None
    )
    ArticleFactory(languages={lang: {"title": title} for lang, title in TEXT.items()})


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_every_spelling_finds_the_piece_with_the_match_marked(page, pieces, language):
    spellings = [spelling for group in GROUPS[language] for spelling in group]
    for spelling in spellings:
        page.goto(f"/{language}/search/")
        page.fill("#search-q", spelling)
        page.press("#search-q", "Enter")
        page.wait_for_load_state()
        cards = page.locator(".search-results .article-list > li")
        assert cards.count() == 1, spelling
        marks = cards.first.locator("mark").all_inner_texts()
        assert marks, spelling
        assert all(mark in TEXT[language] for mark in marks), (spelling, marks)
