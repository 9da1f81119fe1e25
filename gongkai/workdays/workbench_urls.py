"""Staff pages of the workdays app, under /workbench/workdays/."""

app_name = "workdays_staff"
urlpatterns: list = []
