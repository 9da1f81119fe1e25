"""Public pages of the reports app: the list of published reports and each report."""

from django.urls import path

from gongkai.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency>/<int:year>/", views.report, name="report"),
    path("<str:agency>/<int:year>/<str:fmt>/", views.download, name="download"),
]
