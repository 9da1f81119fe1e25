"""Public pages of opinion solicitation, under /solicitations/."""

from django.urls import path

from gongkai.solicitation import views

app_name = "solicitation"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]
