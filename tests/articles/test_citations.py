""" "Cite this": the Chicago entry on the page, and BibTeX and RIS downloads."""

import html as html_lib
import re
from datetime import UTC, datetime

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares

from articles.models import State
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

pytestmark = pytest.mark.django_db

ENGLISH_URL = "http://testserver/policy-analysis/khameneis-speech"


@pytest.fixture
def article():
    authors = [
        ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر", "fa": "مایکل هارپر"}),
        ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"}),
        # Not translated into Arabic or Farsi yet: cited by her English name there.
        ExpertFactory(names={"en": "Sara Ahmadi"}, languages=("en",)),
    ]
    return ArticleFactory(
        article_type=ArticleTypeFactory(names={"en": "Brief Analysis", "ar": "تحليل موجز"}),
        published_at=datetime(2025, 9, 3, 12, tzinfo=UTC),
        authors=authors,
        topics=[TopicFactory(names={"en": "Energy & Economics", "ar": "الطاقة والاقتصاد"})],
        languages={
            "en": {
                "title": "Khamenei's Speech Sets Limits on Engagement with the West",
                "slug": "khameneis-speech",
                "summary": "The Supreme Leader drew red lines:\n100% clear, {mostly}.",
            },
            "ar": {"title": "خطاب خامنئي يرسم حدود المشاركة مع الغرب", "slug": "khitab"},
            "fa": {"title": "سخنرانی خامنه‌ای", "slug": "sokhanrani", "state": State.REVIEW},
        },
    )


def citation_text(client, url):
    html = client.get(url).content.decode()
    found = re.search(r'<p class="cite__text">(.*?)</p>', html, re.S)
    assert found, "no citation on the page"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_article_page_cites_itself_in_chicago_style(client, article):
    assert citation_text(client, "/policy-analysis/khameneis-speech") == (
        "Harper, Michael, Leila Karimi, and Sara Ahmadi. “Khamenei's Speech Sets Limits on "
        "Engagement with the West.” The Institute, September 3, 2025. "
        f"{ENGLISH_URL}."
    )


def test_arabic_citation_uses_arabic_names_title_and_date(client, article):
    text = citation_text(client, "/ar/policy-analysis/khitab")
    assert text.startswith("مايكل هاربر، ليلى كريمي وSara Ahmadi. ")
    assert "خطاب خامنئي يرسم حدود المشاركة مع الغرب" in text
    assert "٣ سبتمبر، ٢٠٢٥" in text
    assert text.endswith("http://testserver/ar/policy-analysis/khitab.")


def test_one_author_and_a_question_title_follow_chicago(client):
    ArticleFactory(
        published_at=datetime(2024, 1, 5, tzinfo=UTC),
        authors=[ExpertFactory(names={"en": "Michael Harper"})],
        languages={"en": {"title": "Who Decides in Tehran?", "slug": "who-decides"}},
    )
    assert citation_text(client, "/policy-analysis/who-decides") == (
        "Harper, Michael. “Who Decides in Tehran?” The Institute, January 5, 2024. "
        "http://testserver/policy-analysis/who-decides."
    )


def test_a_piece_without_authors_is_cited_by_title(client):
    ArticleFactory(
        published_at=datetime(2024, 1, 5, tzinfo=UTC),
        languages={"en": {"title": "Annual Report", "slug": "annual-report"}},
    )
    assert citation_text(client, "/policy-analysis/annual-report").startswith(
        "“Annual Report.” The Institute, January 5, 2024."
    )


def test_cite_this_offers_bibtex_and_ris_downloads(client, article):
    html = client.get("/ar/policy-analysis/khitab").content.decode()
    assert 'href="/ar/policy-analysis/khitab/cite.bib" download>BibTeX</a>' in html
    assert 'href="/ar/policy-analysis/khitab/cite.ris" download>RIS</a>' in html


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    assert not library.failed_blocks, library.failed_blocks
    [entry] = library.entries
    return entry


def test_bibtex_download_parses_and_carries_every_author(client, article):
    response = client.get("/policy-analysis/khameneis-speech/cite.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="khameneis-speech.bib"'
    entry = parse_bibtex(response.content.decode())
    assert entry.entry_type == "misc"
    assert entry.key == f"institute-{article.pk}-en"
    names = [(" ".join(n.first), " ".join(n.last)) for n in entry["author"]]
    assert names == [("Michael", "Harper"), ("Leila", "Karimi"), ("Sara", "Ahmadi")]
    assert entry["title"] == "{Khamenei's Speech Sets Limits on Engagement with the West}"
    assert entry["year"] == "2025" and entry["month"] == "sep" and entry["date"] == "2025-09-03"
    assert entry["url"] == ENGLISH_URL
    assert entry["language"] == "english"
    assert entry["type"] == "Brief Analysis"
    # TeX's special characters are escaped, line breaks folded.
    assert entry["abstract"] == r"The Supreme Leader drew red lines: 100\% clear, \{mostly\}."
    assert entry["keywords"] == r"Energy \& Economics"


def test_arabic_bibtex_keeps_arabic_names_whole(client, article):
    entry = parse_bibtex(client.get("/ar/policy-analysis/khitab/cite.bib").content.decode())
    assert [" ".join(n.last) for n in entry["author"]] == [
        "{مايكل هاربر}",
        "{ليلى كريمي}",
        "Ahmadi",
    ]
    assert entry["title"] == "{خطاب خامنئي يرسم حدود المشاركة مع الغرب}"
    assert entry["language"] == "arabic"
    assert entry["type"] == "تحليل موجز"


def test_ris_download_parses_and_carries_every_author(client, article):
    response = client.get("/policy-analysis/khameneis-speech/cite.ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="khameneis-speech.ris"'
    [record] = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == "Khamenei's Speech Sets Limits on Engagement with the West"
    assert record["authors"] == ["Harper, Michael", "Karimi, Leila", "Ahmadi, Sara"]
    assert record["date"] == "2025/09/03"
    assert record["year"] == "2025"
    assert record["publisher"] == "The Institute"
    assert record["urls"] == [ENGLISH_URL]
    assert record["language"] == "en"
    assert record["abstract"] == "The Supreme Leader drew red lines: 100% clear, {mostly}."
    assert record["keywords"] == ["Energy & Economics"]


def test_arabic_ris_is_in_arabic(client, article):
    [record] = rispy.loads(client.get("/ar/policy-analysis/khitab/cite.ris").content.decode())
    assert record["title"] == "خطاب خامنئي يرسم حدود المشاركة مع الغرب"
    assert record["authors"] == ["مايكل هاربر", "ليلى كريمي", "Ahmadi, Sara"]
    assert record["keywords"] == ["الطاقة والاقتصاد"]
    assert record["publisher"] == "المعهد"


@pytest.mark.parametrize(
    "url",
    [
        "/fa/policy-analysis/sokhanrani/cite.bib",  # in review
        "/fa/policy-analysis/sokhanrani/cite.ris",
        "/ar/policy-analysis/khameneis-speech/cite.bib",  # another language's slug
        "/policy-analysis/no-such-piece/cite.ris",
        "/policy-analysis/khameneis-speech/cite.pdf",
    ],
)
def test_citations_of_versions_readers_cannot_see_are_not_found(client, article, url):
    assert client.get(url).status_code == 404
