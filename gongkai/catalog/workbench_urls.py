"""Staff pages of the catalog app, under /workbench/catalog/."""

from django.urls import path

from gongkai.catalog import import_views

app_name = "catalog_staff"
urlpatterns: list = [
    path("import/", import_views.upload, name="import_upload"),
    path("import/<str:token>/", import_views.confirm, name="import_confirm"),
]
