from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.ExpertIndexView.as_view(), name="index"),
    path("<slug:slug>", views.ExpertDetailView.as_view(), name="detail"),
]
