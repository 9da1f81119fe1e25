"""Staff pages of the catalog app, under /workbench/catalog/."""

from django.urls import path

from gongkai.catalog import import_views
from gongkai.catalog import workbench_views as views

app_name = "catalog_staff"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_new, name="new"),
    path("ledger.xlsx", views.ledger, name="ledger"),
    path("settings/", views.catalog_settings, name="settings"),
    path("import/", import_views.upload, name="import_upload"),
    path("import/<str:token>/", import_views.confirm, name="import_confirm"),
    path("<int:item_id>/", views.item_detail, name="detail"),
    path("<int:item_id>/edit/", views.item_edit, name="edit"),
    path("<int:item_id>/publish/", views.item_publish, name="publish"),
    path("<int:item_id>/<str:action>/", views.item_act, name="act"),
]
