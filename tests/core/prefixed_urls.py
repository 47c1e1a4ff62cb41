"""A URL configuration for tests/core/test_i18n.py: the article pages under another path."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", lambda request: None, name="home"),
    path("prefixed/", include("articles.urls")),
    prefix_default_language=False,
)
