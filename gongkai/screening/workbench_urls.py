"""Staff pages of the screening app, under /workbench/screening/."""

from django.urls import path

from gongkai.screening import views

app_name = "screening_staff"
urlpatterns = [path("", views.index, name="index")]
