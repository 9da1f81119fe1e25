"""Public pages of the applications app, under /apply/."""

from django.urls import path

from gongkai.applications import track_views, views

app_name = "applications"
urlpatterns = [
    path("", views.guide, name="guide"),
    path("form/", views.apply, name="apply"),
    path("receipt/<str:code>.pdf", track_views.receipt_pdf, name="receipt_pdf"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("track/", track_views.track, name="track"),
    path("track/<str:code>/verify/", track_views.verify, name="track_verify"),
    path("track/<str:code>/letters/<int:event_id>.pdf", track_views.letter, name="track_letter"),
    path("track/<str:code>/correction/", track_views.correct, name="track_correct"),
]
