from django.urls import path, re_path
from django.views.generic import RedirectView

from . import attachment_files, audio_files, citation_files, feeds_events, pdf_files, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleIndexView.as_view(), name="index"),
    # Canonical addresses have no trailing slash; one typed with a slash redirects. Only a
    # slug that <slug:slug> below matches (ASCII) can be redirected to: others are a 404.
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/$",
        RedirectView.as_view(pattern_name="articles:resolve", permanent=True, query_string=True),
    ),
    path("<slug:slug>", views.resolve, name="resolve"),
    # "Cite this" downloads of one language version.
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<fmt>bib|ris)$", citation_files.download, name="cite"
    ),
    # The PDF attachments of one language version.
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/files/(?P<pk>[0-9]{1,18})$",
        attachment_files.download,
        name="attachment",
    ),
    # The PDF edition of one language version.
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/pdf$", pdf_files.download, name="pdf"),
    # The audio of a podcast episode.
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/audio$", audio_files.download, name="audio"),
    # An event's iCalendar file.
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/event\.ics$", feeds_events.event_ics, name="event_ics"),
]
