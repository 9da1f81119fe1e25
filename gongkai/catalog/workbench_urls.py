"""Staff pages of the catalog app, under /workbench/catalog/."""

app_name = "catalog_staff"
urlpatterns: list = []
