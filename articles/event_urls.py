"""Event listings, included under /events/ inside i18n_patterns: /fa/events/ is Farsi."""

from django.urls import path

from .views_events import EventListView

app_name = "events"

urlpatterns = [
    path("", EventListView.as_view(upcoming=True), name="upcoming"),
    path("past/", EventListView.as_view(upcoming=False), name="past"),
]
