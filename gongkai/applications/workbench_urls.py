"""Staff pages of the applications app, under /workbench/applications/."""

app_name = "applications_staff"
urlpatterns: list = []
