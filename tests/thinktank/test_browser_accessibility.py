"""
WCAG 2.2 AA, measured: Deque's axe-core runs in Chromium on every public page type in
all three languages, and on the admin screens this project adds, and finds nothing at the
wcag2a, wcag2aa, wcag21aa and wcag22aa tags.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Attachment, Correction, Event
from readership.models import DailyViews
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.pdfs import pdf_bytes
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
PREFIX = {"en": "", "ar": "/ar", "fa": "/fa"}


@pytest.fixture
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


def violations(axe, page) -> list[str]:
    """Run axe on the page; return one line per violation: rule, impact, first targets."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": TAGS}},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


@pytest.fixture
def site():
    """A small site: a piece in three languages with its author, terms and type."""
    kind = ArticleTypeFactory(
        names={"en": "Policy Analysis", "ar": "تحليل سياسات", "fa": "تحلیل سیاست"}
    )
    topic = TopicFactory(names={"en": "Energy", "ar": "الطاقة", "fa": "انرژی"})
    region = RegionFactory(names={"en": "Iran", "ar": "إيران", "fa": "ایران"})
    author = ExpertFactory(
        names={"en": "Leila Karimi", "ar": "ليلى كريمي", "fa": "لیلا کریمی"}, slug="karimi"
    )
    body = {
        "en": "<h2>Context</h2><p>Oil <strong>rose</strong>.</p><ul><li>One</li></ul>",
        "ar": "<h2>السياق</h2><p>ارتفع <strong>النفط</strong>.</p>",
        "fa": "<h2>زمینه</h2><p>نفت <strong>بالا</strong> رفت.</p>",
    }
    slugs = {"en": "oil-rises", "ar": "irtifa", "fa": "naft"}
    article = ArticleFactory(
        article_type=kind,
        authors=[author],
        topics=[topic],
        regions=[region],
        languages={
            code: {"title": f"{code} title", "slug": slugs[code], "body": body[code]}
            for code in PREFIX
        },
    )
    for code in PREFIX:
        Correction(article=article, language_code=code, text=f"<p>{code} fixed.</p>").save()
        Attachment.objects.create(
            article=article, language_code=code, title=f"{code} report",
            file=ContentFile(pdf_bytes(2), name="report.pdf"), size=1000, pages=2,
        )  # fmt: skip
    # The piece is an event too: its page shows the event's section, the listings list it.
    event = Event.objects.create(
        article=article, starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2), time_zone="Asia/Tehran",
        mode=Event.Mode.HYBRID, registration_url="https://example.org/r",
        outside_speakers="Jane Roe",
    )  # fmt: skip
    for code in PREFIX:
        event.translations.create(language_code=code, venue=f"{code} hall", city=f"{code} city")
    for code in PREFIX:
        another = ArticleFactory(
            article_type=kind,
            topics=[topic],
            languages={code: {"title": f"Another {code}", "slug": f"another-{code}"}},
        )
        # Read, so the home and topic pages show their "Most read" block too.
        for piece, views in ((article, 5), (another, 3)):
            DailyViews.objects.create(
                article=piece, language=code, day=timezone.localdate(), views=views
            )
    return {"article": article, "slugs": slugs, "topic": topic, "kind": kind}


def public_pages(site, language):
    prefix = PREFIX[language]
    topic, kind = site["topic"], site["kind"]
    topic.set_current_language(language)
    kind.set_current_language(language)
    return [
        f"{prefix}/",
        f"{prefix}/policy-analysis/{site['slugs'][language]}",
        f"{prefix}/policy-analysis/{site['slugs'][language]}?print=1",
        f"{prefix}/policy-analysis/?topic={topic.pk}&type={kind.pk}",
        f"{prefix}/policy-analysis/{topic.slug}",
        f"{prefix}/experts/",
        f"{prefix}/experts/karimi",
        f"{prefix}/corrections/",
        f"{prefix}/events/",
        f"{prefix}/events/past/",
        f"{prefix}/search/?q=title",
        f"{prefix}/search/?q=nothingmatchesthis",
        f"{prefix}/policy-analysis/no-such-page",
        f"{prefix}/search/?page=-1&q=x",
    ]


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_public_pages_have_no_wcag_violations(page, axe, site, language):
    found = {}
    for path in public_pages(site, language):
        page.goto(path)
        if path == f"{PREFIX[language]}/":
            assert page.locator(".most-read li").count() == 2  # the block is checked too
        problems = violations(axe, page)
        if problems:
            found[path] = problems
    for path, problems in found.items():
        print("A11Y", path, *problems, sep="\n  ")
    assert found == {}


def test_the_admin_screens_this_project_adds_have_no_wcag_violations(page, axe, site):
    UserFactory(username="editor", role="Editor", password="a-long-demo-password")
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-demo-password")
    page.click("input[type=submit]")
    pk = site["article"].pk
    found = {}
    for path in [
        "/admin/translations/",
        "/admin/translations/fa/",
        f"/admin/articles/article/{pk}/translate/ar/",
        f"/admin/articles/article/{pk}/history/",
        f"/admin/articles/article/{pk}/corrections/fa/",
        f"/admin/articles/article/{pk}/attachments/ar/",
        f"/admin/articles/article/{pk}/event/",
        "/admin/articles/article/xliff/import/",
    ]:
        page.goto(path)
        problems = violations(axe, page)
        if problems:
            found[path] = problems
    for path, problems in found.items():
        print("A11Y", path, *problems, sep="\n  ")
    assert found == {}
