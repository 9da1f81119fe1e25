"""Staff pages of the search app, under /workbench/search/."""

app_name = "search_staff"
urlpatterns: list = []
