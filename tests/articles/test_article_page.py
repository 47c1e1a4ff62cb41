import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import State
from articles.services_attachments import attachment_add
from articles.services_corrections import correction_append
from recommendations.services import recommendations_rebuild
from tests.articles.factories import ArticleFactory
from tests.articles.pdfs import pdf_bytes, upload
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_article():
    """The institute's reference page: English source with Arabic and Farsi versions."""
    kind = ArticleTypeFactory(
        names={"en": "Brief Analysis", "ar": "تحليل موجز", "fa": "تحلیل کوتاه"}
    )
    authors = [
        ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر", "fa": "مایکل هارپر"}),
        ExpertFactory(names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"}),
    ]
    energy = TopicFactory(
        names={"en": "Energy & Economics", "ar": "الطاقة والاقتصاد", "fa": "انرژی و اقتصاد"}
    )
    iran = RegionFactory(names={"en": "Iran", "ar": "إيران", "fa": "ایران"})
    return ArticleFactory(
        article_type=kind,
        published_at=datetime(2025, 3, 14, 12, tzinfo=UTC),
        authors=authors,
        topics=[energy],
        regions=[iran],
        languages={
            "en": {
                "title": "Khamenei's Speech Sets Limits on Engagement with the West",
                "slug": "khameneis-speech-sets-limits",
                "summary": "The Supreme Leader drew red lines.",
                "body": "<h2>Context</h2><p>The speech was <strong>long</strong>.</p>",
                "author_note": "Written with help from the Farsi desk.",
            },
            "ar": {
                "title": "خطاب خامنئي يرسم حدود المشاركة مع الغرب",
                "summary": "رسم المرشد خطوطاً حمراء.",
            },
            "fa": {"title": "سخنرانی خامنه‌ای و حدود تعامل با غرب", "state": State.REVIEW},
        },
    )


def test_article_page_shows_the_reference_anatomy(client, reference_article):
    html = client.get("/policy-analysis/khameneis-speech-sets-limits").content.decode()
    expected_in_order = [
        "Brief Analysis",
        "<h1",
        "Khamenei&#x27;s Speech Sets Limits on Engagement with the West",
        'by <a href="/experts/michael-harper">Michael Harper</a> and '
        '<a href="/experts/leila-karimi">Leila Karimi</a>',
        "March 14, 2025",
        "Also available in",
        "About the authors",
        "The Supreme Leader drew red lines.",
        "<h2>Context</h2><p>The speech was <strong>long</strong>.</p>",
        "<em>Written with help from the Farsi desk.</em>",
        "Topics",
        'href="/policy-analysis/energy-economics">Energy &amp; Economics</a>',
        "Regions & Countries",
        'href="/policy-analysis/iran">Iran</a>',
    ]
    assert_in_order(html[html.index("<main") :], expected_in_order)


def assert_in_order(html, fragments):
    """Assert that each fragment appears in html after the one before it."""
    position = 0
    for fragment in fragments:
        found = html.find(fragment, position)
        assert found != -1, f"{fragment!r} missing, or not after the fragment before it"
        position = found + len(fragment)


def test_also_available_in_lists_only_other_published_translations(client, reference_article):
    html = client.get("/policy-analysis/khameneis-speech-sets-limits").content.decode()
    block = html[html.index("also-available") : html.index("</nav>", html.index("also-available"))]
    assert 'href="/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb"' in block
    assert 'lang="ar"' in block and ">العربية</a>" in block and 'dir="rtl"' in block
    assert "فارسی" not in block  # the Farsi version is still in review
    assert "English" not in block  # never the page itself


def test_arabic_page_is_right_to_left_and_links_back_to_english(client, reference_article):
    response = client.get("/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "خطاب خامنئي يرسم حدود المشاركة مع الغرب" in html
    assert 'href="/ar/experts/michael-harper">مايكل هاربر</a>' in html
    assert "تحليل موجز" in html
    assert "١٤ مارس، ٢٠٢٥" in html  # Arabic month name and Arabic-Indic digits
    assert 'href="/policy-analysis/khameneis-speech-sets-limits" lang="en"' in html


def test_a_translation_that_is_not_public_is_a_404_in_its_language(client, reference_article):
    farsi_slug = reference_article.translations.get(language_code="fa").slug
    response = client.get(f"/fa/policy-analysis/{farsi_slug}")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "Khamenei" not in html  # never English text under a Farsi layout


def test_a_slug_answers_only_in_its_own_language(client, reference_article):
    assert client.get("/ar/policy-analysis/khameneis-speech-sets-limits").status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"is_withdrawn": True},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_withdrawn_and_scheduled_articles_are_not_found(client, reference_article, change):
    for field, value in change.items():
        setattr(reference_article, field, value)
    reference_article.save()
    assert client.get("/policy-analysis/khameneis-speech-sets-limits").status_code == 404


def test_head_links_name_every_public_version_and_a_canonical(client, reference_article):
    html = client.get("/policy-analysis/khameneis-speech-sets-limits").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert links == {
        "en": "http://testserver/policy-analysis/khameneis-speech-sets-limits",
        "ar": "http://testserver/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb",
        "x-default": "http://testserver/policy-analysis/khameneis-speech-sets-limits",
    }
    assert (
        '<link rel="canonical" href="http://testserver/policy-analysis/khameneis-speech-sets-limits">'
        in html
    )


def test_language_switcher_goes_to_the_same_article_or_that_languages_home(
    client, reference_article
):
    html = client.get("/policy-analysis/khameneis-speech-sets-limits").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert 'href="/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb"' in switcher
    assert 'href="/fa/"' in switcher  # no public Farsi version yet


def test_recommended_shows_three_public_pieces_on_the_same_topic(client, reference_article):
    topic = reference_article.topics.get()
    for n in range(4):
        ArticleFactory(topics=[topic], languages={"en": {"title": f"Related {n}"}})
    ArticleFactory(topics=[topic], languages={"en": {"title": "Draft piece", "state": "draft"}})
    recommendations_rebuild()  # what the commit of those saves would have refreshed
    html = client.get("/policy-analysis/khameneis-speech-sets-limits").content.decode()
    block = html[html.index('class="recommended"') :]
    assert block.count('class="card"') == 3
    assert "Draft piece" not in block


def test_trailing_slash_redirects_to_the_canonical_address(client, reference_article):
    response = client.get("/policy-analysis/khameneis-speech-sets-limits/")
    assert response.status_code == 301
    assert response["Location"] == "/policy-analysis/khameneis-speech-sets-limits"


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_depend_on_its_size(client):
    # In one transaction, as an import writes them: one "content changed" event for all,
    # where one per object cost most of the test's time. The same rows.
    with transaction.atomic():
        kind = ArticleTypeFactory()
        small = ArticleFactory(
            article_type=kind,
            authors=[ExpertFactory()],
            topics=[TopicFactory()],
            languages={"en": {"slug": "small"}},
        )
        big = ArticleFactory(
            article_type=kind,
            authors=[ExpertFactory() for _ in range(4)],
            topics=[TopicFactory() for _ in range(6)],
            regions=[RegionFactory() for _ in range(2)],
            languages={"en": {"slug": "big"}, "ar": "published", "fa": "published"},
        )
        for topic in [*small.topics.all(), *big.topics.all()]:
            ArticleFactory(topics=[topic], authors=[ExpertFactory()])
    assert small and page_queries(client, "/policy-analysis/small") == page_queries(
        client, "/policy-analysis/big"
    )
    # And exactly the seven queries the README promises, in another language too: whether
    # the version has attachments or corrections comes with its versions (a podcast
    # episode too, a join); its guests are one more, on its page only
    # (tests/articles/test_podcast.py).
    assert (
        page_queries(client, "/ar/policy-analysis/" + big.translations.get(language_code="ar").slug)
        == 7
    )


def test_a_page_with_attachments_and_corrections_lists_them_for_a_query_each(client, editor):
    piece = ArticleFactory(languages={"en": {"slug": "report", "title": "Report"}})
    attachment_add(
        article=piece, language="en", user=editor, file=upload(pdf_bytes(2)), title="Full text"
    )
    correction_append(article=piece, language="en", user=editor, text="A date was wrong.")
    assert page_queries(client, "/policy-analysis/report") == 9
    html = client.get("/policy-analysis/report").content.decode()
    assert "Full text" in html and "A date was wrong." in html
