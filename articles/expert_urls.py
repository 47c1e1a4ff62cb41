"""
Expert URLs, included under /experts/: the list (experts.views) and each expert's page,
which lists their articles (articles.views).
"""

from django.urls import path

from experts.views import ExpertIndexView

from .views import ExpertDetailView

app_name = "experts"

urlpatterns = [
    path("", ExpertIndexView.as_view(), name="index"),
    path("<slug:slug>", ExpertDetailView.as_view(), name="detail"),
]
