"""
Previews: any translation in any state, rendered in the public article template, marked
as a preview, never cached and never indexed. Staff open it from the admin; a signed,
expiring link lets an outside reviewer see one translation without an account.
"""

import zlib

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core import i18n

from .models import Article, ArticleTranslation

SALT = "articles.preview"


def preview_token(article_id: int, language: str) -> str:
    return signing.dumps({"a": article_id, "l": language}, salt=SALT, compress=True)


def preview_link(article_id: int, language: str) -> str:
    """Return the path of a shareable preview of one translation (see PREVIEW_LINK_DAYS)."""
    return reverse("article_preview", kwargs={"token": preview_token(article_id, language)})


def read_token(token: str) -> tuple[int, str]:
    """Return (article id, language) from a preview token; raise Http404 if bad or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise Http404(_("This preview link has expired. Ask for a new one.")) from None
    except (signing.BadSignature, ValueError, RecursionError, zlib.error):
        # A bad signature; or a signed text that is not compressed JSON we can read.
        raise Http404(_("This preview link is not valid.")) from None
    # A valid signature vouches for who made the token, not for its shape: one signed with
    # this salt by other code (or an older version of this one) may hold anything.
    article_id = data.get("a") if isinstance(data, dict) else None
    language = data.get("l") if isinstance(data, dict) else None
    well_formed = (
        type(article_id) is int  # not a bool, a float or a numeric string
        and article_id > 0
        and isinstance(language, str)
        and language in dict(settings.LANGUAGES)
    )
    if not well_formed:
        raise Http404(_("This preview link is not valid."))
    return article_id, language


def render_preview(request, article: Article, language: str, *, shared: bool):
    """
    Render one translation of article as readers would see it, through the public article
    view and template, with a preview banner; never cached, never indexed.
    """
    from .views_article import ArticleDetailView  # It imports this app's models.

    if not i18n.is_site_language(language):
        raise Http404
    item = (
        ArticleTranslation.objects.filter(master=article, language_code=language)
        .select_related("master")
        .first()
    )
    if item is None:
        raise Http404(_("There is no such translation."))
    with translation.override(language):
        # "Also available in" lists only the public versions, as it will when published.
        versions = {
            version.language_code: version
            for version in ArticleTranslation.objects.public()
            .filter(master=article)
            .select_related("master")
        }
        versions[language] = item
        view = ArticleDetailView.as_view(
            versions=versions,
            use_fragments=False,  # a draft's text is never kept, nor the public one shown
            extra_context={
                "is_preview": True,
                "preview_shared": shared,
                "preview_state": item.get_state_display(),
            },
        )
        response = view(request, slug=item.slug)
        response.render()  # Now, in the preview's language.
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0
    return response


def shared_preview(request, token: str):
    """The page behind a shareable preview link: no account needed, until it expires."""
    article_id, language = read_token(token)
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        raise Http404
    return render_preview(request, article, language, shared=True)
