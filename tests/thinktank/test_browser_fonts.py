"""
The web fonts in real Chromium: each language's page is drawn in its own face, loaded from
the site, and titles that mix directions keep their parts in order.
"""

import pytest

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_TITLE = "تقرير IAEA 2020 عن البرنامج النووي"
FARSI_TITLE = "گزارش IAEA درباره‌ی برنامه‌ی هسته‌ای"
ENGLISH_TITLE = "On خامنئي (2020)"

# Wait until every font the page asked for has arrived or failed, then report the faces.
FONTS = """
async (selector) => {
  await document.fonts.ready;
  const element = document.querySelector(selector);
  return {
    family: getComputedStyle(element).fontFamily,
    faces: [...document.fonts].map(face => ({
      family: face.family.replace(/^["']|["']$/g, ''),
      weight: face.weight,
      style: face.style,
      range: face.unicodeRange,
      status: face.status,
    })),
    downloads: performance.getEntriesByType('resource')
      .map(entry => entry.name).filter(name => name.endsWith('.woff2')),
  };
}
"""


@pytest.fixture
def article():
    author = ExpertFactory(names={"en": "Omer Carmi", "ar": "عومر كرمي", "fa": "عومر کرمی"})
    return ArticleFactory(
        authors=[author],
        languages={
            "en": {
                "title": ENGLISH_TITLE,
                "slug": "interview",
                "body": "<p>Tehran weighs <strong>its options</strong> with <em>care</em>.</p>",
            },
            "ar": {
                "title": ARABIC_TITLE,
                "slug": "iaea-report",
                "body": "<p>تدرس طهران <strong>خياراتها</strong> بعناية.</p>",
            },
            "fa": {
                "title": FARSI_TITLE,
                "slug": "iaea-gozaresh",
                "body": "<p>تهران <strong>گزینه‌هایش</strong> را می‌سنجد.</p>",
            },
        },
    )


def platform_fonts(page, selector):
    """Return the fonts Chromium drew the text of selector with: (family, custom?, glyphs)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {(font["familyName"], font["isCustomFont"]) for font in fonts}


def loaded(faces, family, weight, script_char):
    """The statuses of the upright faces of family at weight whose range has script_char."""
    code = ord(script_char)
    statuses = []
    for face in faces:
        if (face["family"], face["weight"], face["style"]) != (family, str(weight), "normal"):
            continue
        for span in face["range"].split(","):
            low, _, high = span.strip().removeprefix("U+").partition("-")
            if int(low, 16) <= code <= int(high or low, 16):
                statuses.append(face["status"])
    return statuses


@pytest.mark.parametrize(
    ("url", "family", "script_char", "selector", "preloaded"),
    [
        (
            "/ar/policy-analysis/iaea-report",
            "Noto Naskh Arabic",
            "ع",
            "h1",
            "noto-naskh-arabic-arabic",
        ),
        ("/fa/policy-analysis/iaea-gozaresh", "Vazirmatn", "گ", "h1", "vazirmatn-arabic"),
        ("/policy-analysis/interview", "Source Serif 4", "T", ".body p", "source-serif-4-latin"),
    ],
)
def test_each_language_is_drawn_in_its_web_font(
    page, article, url, family, script_char, selector, preloaded
):
    page.goto(url)
    fonts = page.evaluate(FONTS, selector)
    assert fonts["family"].split(",")[0].strip('"') == family
    # The face of the page's script, regular and bold, was fetched and is in use ...
    assert loaded(fonts["faces"], family, 400, script_char) == ["loaded"]
    assert loaded(fonts["faces"], family, 700, script_char) == ["loaded"]  # <strong>
    assert not [face for face in fonts["faces"] if face["status"] == "error"]
    # ... Chromium drew the text with it, not with a system face ...
    assert platform_fonts(page, selector) == {(family, True)}
    # ... and the preloaded file was fetched once: the preload matched the stylesheet's URL.
    downloads = fonts["downloads"]
    assert len([name for name in downloads if f"/{preloaded}-400-normal." in name]) == 1
    assert len(downloads) == len(set(downloads))
    # Nothing of another script's face is fetched for this page.
    others = {"Noto Naskh Arabic", "Vazirmatn", "Source Serif 4"} - {family}
    assert all(loaded(fonts["faces"], other, 400, "a") != ["loaded"] for other in others)


def test_a_latin_name_in_an_arabic_title_is_drawn_in_the_arabic_face(page, article):
    page.goto("/ar/policy-analysis/iaea-report")
    page.evaluate("document.fonts.ready.then(() => true)")
    # Naskh's own Latin (same family, its Latin file), not a system face for "IAEA".
    assert platform_fonts(page, "h1 bdi") == {("Noto Naskh Arabic", True)}


def x_of(page, selector, text):
    """Return the left edge on screen of text's first occurrence inside selector."""
    return page.evaluate(
        """([selector, text]) => {
          const element = document.querySelector(selector);
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(text);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            return range.getBoundingClientRect().left;
          }
          return null;
        }""",
        [selector, text],
    )


def test_mixed_direction_titles_keep_their_order(page, article):
    # (Both checks fail with the <bdi> of core.bidi unwrapped: the year joins the Latin run
    # in the Arabic title, the bracket goes before the Arabic name in the English one.)
    # Arabic: "report IAEA 2020 about ...": read from the right, the year comes after the
    # name, so it stands to its left; without isolation it would join the Latin run.
    page.goto("/ar/policy-analysis/iaea-report")
    assert x_of(page, "h1", "2020") < x_of(page, "h1", "IAEA") < x_of(page, "h1", "تقرير")
    # English: the bracketed year follows the Arabic name, to its right, brackets unturned.
    page.goto("/policy-analysis/interview")
    assert x_of(page, "h1", "On") < x_of(page, "h1", "خامنئي") < x_of(page, "h1", "(")
    assert page.locator("h1").inner_text() == ENGLISH_TITLE
