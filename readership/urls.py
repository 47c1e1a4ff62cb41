from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("hit", views.hit, name="hit"),
]
