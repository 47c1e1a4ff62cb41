"""Printing an article in real Chromium: the article alone, with its links written out."""

import pytest

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_IN_PRINT = [".site-header", ".site-footer", ".also-available", ".cite__downloads"]


@pytest.fixture
def article():
    ArticleFactory(languages={"en": {"title": "Earlier piece", "slug": "earlier-piece"}})
    return ArticleFactory(
        authors=[ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر"})],
        languages={
            "en": {
                "title": "Khamenei's Speech",
                "slug": "khameneis-speech",
                "body": '<p>See <a href="/policy-analysis/earlier-piece">our earlier piece</a> '
                'and <a href="https://example.org/report">the report</a>.</p>',
            },
            "ar": {
                "title": "خطاب خامنئي",
                "slug": "khitab",
                "body": '<p>انظر <a href="https://example.org/report">التقرير</a>.</p>',
            },
        },
    )


def after_content(page, selector):
    return page.locator(selector).evaluate("el => getComputedStyle(el, '::after').content")


def test_printed_article_drops_navigation_and_writes_out_links(page, live_server, article):
    page.goto("/policy-analysis/khameneis-speech")
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".cite__text").is_visible()  # the citation prints, with the address
    assert after_content(page, '.body a[href^="https"]') == '" (https://example.org/report)"'
    # A relative link prints in full, with the site's address in front.
    assert after_content(page, '.body a[href^="/"]') == (
        f'" ({live_server.url}/policy-analysis/earlier-piece)"'
    )
    assert after_content(page, ".byline a") == "none"  # names print as names


def test_printed_arabic_article_keeps_addresses_left_to_right(page, article):
    page.goto("/ar/policy-analysis/khitab")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    link = page.locator(".body a")
    assert link.evaluate("el => getComputedStyle(el, '::after').unicodeBidi") == "isolate"
    assert after_content(page, ".body a") == '" (https://example.org/report)"'


def test_article_page_metadata_and_print_script_pass_the_content_security_policy(page, article):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto("/policy-analysis/khameneis-speech")
    page.wait_for_load_state("networkidle")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert page.locator(".body a").first.get_attribute("data-print-href")
    assert violations == []
