"""Public pages of suggestions, proposals and key tasks, under /proposals/."""

from django.urls import path

from gongkai.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.index, name="index"),
    path("tasks/", views.tasks, name="tasks"),
]
