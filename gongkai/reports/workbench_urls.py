"""Staff pages of the reports app, under /workbench/reports/."""

app_name = "reports_staff"
urlpatterns: list = []
