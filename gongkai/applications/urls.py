"""Public pages of the applications app, under /apply/."""

from django.urls import path

from gongkai.applications import views

app_name = "applications"
urlpatterns = [
    path("", views.guide, name="guide"),
    path("form/", views.apply, name="apply"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
]
