"""Staff pages of the calendar, under /workbench/workdays/."""

from django.urls import path

from gongkai.workdays import views

app_name = "workdays_staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("edit/", views.edit_year, name="edit"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<str:region>/<int:year>/", views.year_detail, name="region_year"),
]
