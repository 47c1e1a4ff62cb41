"""A reader's path through the site in real Chromium: languages, links, small screens."""

import pytest

from tests.articles.factories import ArticleFactory
from tests.browser import WIDER_THAN_VIEWPORT
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    author = ExpertFactory(names={"en": "Michael Harper", "ar": "مايكل هاربر", "fa": "مایکل هارپر"})
    topic = TopicFactory(
        names={"en": "Energy & Economics", "ar": "الطاقة والاقتصاد", "fa": "انرژی و اقتصاد"}
    )
    region = RegionFactory(names={"en": "Iran", "ar": "إيران", "fa": "ایران"})
    long_words = " ".join(["Extraordinarily-long-compound-policy-terminology"] * 3)
    return ArticleFactory(
        authors=[author],
        topics=[topic],
        regions=[region],
        languages={
            "en": {
                "title": "Khamenei's Speech Sets Limits on Engagement with the West",
                "slug": "khameneis-speech",
                "body": f"<h2>Background</h2><p>{long_words}</p><ul><li>One</li></ul>",
            },
            "ar": {"title": "خطاب خامنئي يرسم حدود المشاركة مع الغرب"},
            "fa": {"title": "سخنرانی خامنه‌ای و حدود تعامل با غرب"},
        },
    )


def html_attributes(page):
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


def test_reader_moves_between_languages_authors_and_topics(page, article):
    page.goto("/policy-analysis/khameneis-speech")
    assert html_attributes(page) == ["en", "ltr"]
    assert (
        page.locator("h1").inner_text()
        == "Khamenei's Speech Sets Limits on Engagement with the West"
    )

    page.locator(".also-available").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb")
    assert html_attributes(page) == ["ar", "rtl"]
    assert page.locator("h1").inner_text() == "خطاب خامنئي يرسم حدود المشاركة مع الغرب"

    page.locator(".also-available").get_by_role("link", name="فارسی").click()
    page.wait_for_url("**/fa/policy-analysis/**")
    assert html_attributes(page) == ["fa", "rtl"]

    page.locator(".language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url("**/policy-analysis/khameneis-speech")
    assert html_attributes(page) == ["en", "ltr"]

    page.locator(".byline").get_by_role("link", name="Michael Harper").click()
    page.wait_for_url("**/experts/michael-harper")
    assert page.locator("h1").inner_text() == "Michael Harper"
    assert (
        page.get_by_role(
            "link", name="Khamenei's Speech Sets Limits on Engagement with the West"
        ).count()
        == 1
    )

    page.go_back()
    page.locator(".article__terms").get_by_role("link", name="Energy & Economics").click()
    page.wait_for_url("**/policy-analysis/energy-economics")
    assert page.locator("h1").inner_text() == "Energy & Economics"

    page.locator(".language-switcher").get_by_role("link", name="فارسی").click()
    page.wait_for_url("**/fa/policy-analysis/anrzhy-w-aqtsad")
    assert page.locator("h1").inner_text() == "انرژی و اقتصاد"
    assert page.get_by_role("link", name="سخنرانی خامنه‌ای و حدود تعامل با غرب").count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/policy-analysis/khameneis-speech",
        "/ar/policy-analysis/khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb",
        "/fa/",
        "/policy-analysis/energy-economics",
        "/ar/policy-analysis/?sort=oldest",
        "/fa/experts/michael-harper",
        "/ar/search/?q=%D8%AE%D8%A7%D9%85%D9%86%D8%A6%D9%8A",
        "/search/?q=speech",
    ],
)
def test_pages_reflow_to_320_css_pixels(page, article, path):
    # WCAG 1.4.10: usable at 320 CSS pixels without scrolling sideways, which is also
    # what a 1280-pixel window zoomed to 400 % shows (200 % gives 640).
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(path)
    header = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header == "rgb(244, 246, 248)", "the stylesheet did not load"
    layout = page.evaluate(WIDER_THAN_VIEWPORT)
    assert layout["scrollWidth"] <= 320, layout
    assert layout["wide"] == [], layout


def test_keyboard_users_can_skip_to_the_content(page, article):
    page.goto("/policy-analysis/khameneis-speech")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("motion, scrolling", [("no-preference", "smooth"), ("reduce", "auto")])
def test_in_page_scrolling_glides_only_for_readers_who_do_not_ask_for_less_motion(
    browser, live_server, article, motion, scrolling
):
    context = browser.new_context(base_url=live_server.url, reduced_motion=motion)
    try:
        tab = context.new_page()
        tab.goto("/policy-analysis/khameneis-speech")
        behavior = tab.locator("html").evaluate("el => getComputedStyle(el).scrollBehavior")
        assert behavior == scrolling
    finally:
        context.close()
