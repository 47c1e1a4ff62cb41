from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.SubscribeView.as_view(), name="subscribe"),
    path("confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("preferences/<str:token>/", views.PreferencesView.as_view(), name="preferences"),
    path("preferences/<str:token>/data.json", views.export, name="export"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
