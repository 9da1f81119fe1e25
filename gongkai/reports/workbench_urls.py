"""Staff pages of the reports app, under /workbench/reports/."""

from django.urls import path

from gongkai.reports import workbench_views as views

app_name = "reports_staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.report, name="report"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/download/<str:fmt>/", views.download, name="download"),
]
