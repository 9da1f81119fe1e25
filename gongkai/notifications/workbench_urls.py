"""Staff pages of outgoing mail, under /workbench/mail/."""

from django.urls import path

from gongkai.notifications import views

app_name = "notifications_staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
