"""The API's documentation pages in real Chromium: drawn from local files under the CSP."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("url", "drawn"),
    [("/api/v1/docs", "#swagger-ui .opblock"), ("/api/v1/redoc", "#redoc-ui h1")],
)
def test_docs_pages_render_the_schema_without_csp_violations_or_outside_requests(
    page,
    live_server,
    url,
    drawn,
):
    ArticleFactory()
    refused, outside = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    page.on("requestfinished", lambda r: r.url.startswith(live_server.url) or outside.append(r.url))
    page.goto(url)
    page.wait_for_selector(drawn)
    assert "/api/v1/articles" in page.content()
    # ReDoc's footer asks for Redocly's logo from its CDN; the CSP keeps the page offline
    # by refusing it, and that logo is all that is missing.
    assert [m for m in refused if "cdn.redoc.ly/redoc/logo-mini.svg" not in m] == []
    assert [u for u in outside if not u.startswith(("data:", "blob:"))] == []
