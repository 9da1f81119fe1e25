"""Staff pages of service guides, under /workbench/guides/."""

from django.urls import path

from gongkai.guides import workbench_views as views

app_name = "guides_staff"
urlpatterns = [
    path("", views.guide_list, name="list"),
    path("new/", views.guide_new, name="new"),
    path("import/", views.guide_import, name="import"),
    path("export.xlsx", views.guide_export, name="export"),
    path("powers/", views.power_lists, name="powers"),
    path("powers/import/", views.power_import, name="power_import"),
    path("standard/", views.standard, name="standard"),
    path("standard/coverage.xlsx", views.standard_xlsx, name="standard_xlsx"),
    path("standard/import/", views.standard_import, name="standard_import"),
    path("standard/<int:pk>/", views.standard_entry_act, name="standard_entry"),
    path("<int:pk>/", views.guide_detail, name="detail"),
    path("<int:pk>/edit/", views.guide_edit, name="edit"),
    path("<int:pk>/visibility/", views.guide_visibility, name="visibility"),
]
