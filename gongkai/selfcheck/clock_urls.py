"""The live clock dashboard, at /workbench/clocks/."""

from django.urls import path

from gongkai.selfcheck import workbench_views as views

app_name = "clocks"
urlpatterns = [path("", views.clocks, name="index")]
