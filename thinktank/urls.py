"""Root URLs: the admin without a language prefix, public pages under i18n_patterns."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.preview import shared_preview
from thinktank import health, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    # A signed, expiring link to one translation in any state (the token names the language).
    path("preview/<str:token>/", shared_preview, name="article_preview"),
]

# English has no prefix; Arabic and Farsi live under /ar/ and /fa/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("policy-analysis/", include("articles.urls")),
    path("experts/", include("experts.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "thinktank.views.server_error"
